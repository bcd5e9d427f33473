import { roleProcedure } from "@/server/api/trpc";
import { listGoals } from "@/server/goals/goals";
import { listGoalsInput } from "./goals.schemas";

export const listGoalsProcedure = roleProcedure("goals:read").input(listGoalsInput).query(({ ctx, input }) => listGoals(ctx, input));
