import { roleProcedure } from "@/server/api/trpc";
import { createStage } from "@/server/pipeline/stages";
import { createStageInput } from "./selling.schemas";

/** Adds an open stage after the last open one. */
export const createStageProcedure = roleProcedure("sales:configure").input(createStageInput).mutation(({ ctx, input }) => createStage(ctx, input));
