import { roleProcedure } from "@/server/api/trpc";
import { mergeAccounts } from "@/server/data-quality/merge";
import { mergeInput } from "./merge.schemas";

/** Merges duplicate accounts into the one kept (children move, duplicates are soft-deleted). */
export const mergeAccountsProcedure = roleProcedure("dataQuality:manage").input(mergeInput).mutation(({ ctx, input }) => mergeAccounts(ctx, input));
