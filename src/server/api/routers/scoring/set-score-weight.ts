import { roleProcedure } from "@/server/api/trpc";
import { setWeight } from "@/server/scoring/weights";
import { setWeightInput } from "../pipeline/selling.schemas";

/** Adds or changes a scoring weight; every lead's score is recomputed in the same transaction. */
export const setScoreWeightProcedure = roleProcedure("sales:configure").input(setWeightInput).mutation(({ ctx, input }) => setWeight(ctx, input));
