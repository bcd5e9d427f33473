import { roleProcedure } from "@/server/api/trpc";
import { updateGoal } from "@/server/goals/goals";
import { updateGoalInput } from "./goals.schemas";

export const updateGoalProcedure = roleProcedure("goals:manage").input(updateGoalInput).mutation(({ ctx, input }) => updateGoal(ctx, input));
