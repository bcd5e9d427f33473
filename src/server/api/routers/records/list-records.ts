import { orgProcedure } from "@/server/api/trpc";
import { listRecords } from "@/server/records/service";
import { listRecordsInput } from "./records.schemas";

/** A page of a record list. Access depends on the type (records:sales / records:support) and the role's scope. */
export const listRecordsProcedure = orgProcedure.input(listRecordsInput).query(({ ctx, input }) => listRecords(ctx, input));
