import { roleProcedure } from "@/server/api/trpc";
import { checkInGoal } from "@/server/goals/goals";
import { checkInGoalInput } from "./goals.schemas";

export const checkInGoalProcedure = roleProcedure("goals:manage").input(checkInGoalInput).mutation(({ ctx, input }) => checkInGoal(ctx, input));
