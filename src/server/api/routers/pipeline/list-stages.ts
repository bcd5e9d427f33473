import { roleProcedure } from "@/server/api/trpc";
import { listStageSettings } from "@/server/pipeline/stages";

/** The pipeline's stages with the deals in each, for the stage settings page. */
export const listStagesProcedure = roleProcedure("sales:configure").query(({ ctx }) => listStageSettings(ctx));
