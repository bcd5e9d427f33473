import { roleProcedure } from "@/server/api/trpc";
import { getGoal } from "@/server/goals/goals";
import { getGoalInput } from "./goals.schemas";

export const getGoalProcedure = roleProcedure("goals:read").input(getGoalInput).query(({ ctx, input }) => getGoal(ctx, input.goalId));
