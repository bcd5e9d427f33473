import { roleProcedure } from "@/server/api/trpc";
import { mergeContacts } from "@/server/data-quality/merge";
import { mergeInput } from "./merge.schemas";

/** Merges duplicate contacts into the one kept (tickets and answers move, duplicates are soft-deleted). */
export const mergeContactsProcedure = roleProcedure("dataQuality:manage").input(mergeInput).mutation(({ ctx, input }) => mergeContacts(ctx, input));
