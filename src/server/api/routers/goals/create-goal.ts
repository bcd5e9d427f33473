import { roleProcedure } from "@/server/api/trpc";
import { createGoal } from "@/server/goals/goals";
import { createGoalInput } from "./goals.schemas";

export const createGoalProcedure = roleProcedure("goals:manage").input(createGoalInput).mutation(({ ctx, input }) => createGoal(ctx, input));
