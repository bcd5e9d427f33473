import { orgProcedure } from "@/server/api/trpc";
import { getRecord } from "@/server/records/service";
import { recordRefInput } from "./records.schemas";

/** One record with its history; another user's, family's or organization's record is NOT_FOUND. */
export const getRecordProcedure = orgProcedure.input(recordRefInput).query(({ ctx, input }) => getRecord(ctx, input));
