import { orgProcedure } from "@/server/api/trpc";
import { deleteRecord } from "@/server/records/service";
import { recordRefInput } from "./records.schemas";

/** Soft delete (restorable by a manager). */
export const deleteRecordProcedure = orgProcedure.input(recordRefInput).mutation(({ ctx, input }) => deleteRecord(ctx, input));
