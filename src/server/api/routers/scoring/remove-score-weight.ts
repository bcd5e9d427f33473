import { roleProcedure } from "@/server/api/trpc";
import { removeWeight } from "@/server/scoring/weights";
import { removeWeightInput } from "../pipeline/selling.schemas";

/** Removes a scoring weight; every lead's score is recomputed in the same transaction. */
export const removeScoreWeightProcedure = roleProcedure("sales:configure").input(removeWeightInput).mutation(({ ctx, input }) => removeWeight(ctx, input));
