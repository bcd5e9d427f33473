import { orgProcedure } from "@/server/api/trpc";
import { restoreRecord } from "@/server/records/service";
import { recordRefInput } from "./records.schemas";

/** Managers of the type's family (and the CRM manager) restore a soft-deleted record. */
export const restoreRecordProcedure = orgProcedure.input(recordRefInput).mutation(({ ctx, input }) => restoreRecord(ctx, input));
