import { orgProcedure } from "@/server/api/trpc";
import { recordOptions } from "@/server/records/options";
import { recordOptionsInput } from "./records.schemas";

/** Names to pick from for a linked field of a record form (owner, account, stage ...). */
export const recordOptionsProcedure = orgProcedure.input(recordOptionsInput).query(({ ctx, input }) => recordOptions(ctx, input));
