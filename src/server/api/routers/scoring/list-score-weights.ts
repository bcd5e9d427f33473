import { roleProcedure } from "@/server/api/trpc";
import { listWeights } from "@/server/scoring/weights";

/** The organization's lead-scoring weights. */
export const listScoreWeightsProcedure = roleProcedure("sales:configure").query(({ ctx }) => listWeights(ctx));
