import { orgProcedure } from "@/server/api/trpc";
import { updateRecord } from "@/server/records/service";
import { updateRecordInput } from "./records.schemas";

export const updateRecordProcedure = orgProcedure.input(updateRecordInput).mutation(({ ctx, input }) => updateRecord(ctx, input));
