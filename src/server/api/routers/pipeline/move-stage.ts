import { roleProcedure } from "@/server/api/trpc";
import { moveStage } from "@/server/pipeline/stages";
import { moveStageInput } from "./selling.schemas";

/** Moves an open stage one place up or down. */
export const moveStageProcedure = roleProcedure("sales:configure").input(moveStageInput).mutation(({ ctx, input }) => moveStage(ctx, input));
