import { orgProcedure } from "@/server/api/trpc";
import { createRecord } from "@/server/records/service";
import { createRecordInput } from "./records.schemas";

export const createRecordProcedure = orgProcedure.input(createRecordInput).mutation(({ ctx, input }) => createRecord(ctx, input));
