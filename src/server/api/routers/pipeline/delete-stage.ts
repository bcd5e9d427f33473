import { roleProcedure } from "@/server/api/trpc";
import { deleteStage } from "@/server/pipeline/stages";
import { deleteStageInput } from "./selling.schemas";

/** Removes a stage; its deals (if any) move to the target stage, which is then required. */
export const deleteStageProcedure = roleProcedure("sales:configure").input(deleteStageInput).mutation(({ ctx, input }) => deleteStage(ctx, input));
