import { roleProcedure } from "@/server/api/trpc";
import { updateStage } from "@/server/pipeline/stages";
import { updateStageInput } from "./selling.schemas";

/** Renames a stage and/or sets its win probability. */
export const updateStageProcedure = roleProcedure("sales:configure").input(updateStageInput).mutation(({ ctx, input }) => updateStage(ctx, input));
