import { roleProcedure } from "@/server/api/trpc";
import { archiveGoal } from "@/server/goals/goals";
import { archiveGoalInput } from "./goals.schemas";

export const archiveGoalProcedure = roleProcedure("goals:manage").input(archiveGoalInput).mutation(({ ctx, input }) => archiveGoal(ctx, input));
