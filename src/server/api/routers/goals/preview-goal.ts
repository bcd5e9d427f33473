import { roleProcedure } from "@/server/api/trpc";
import { previewGoal } from "@/server/goals/goals";
import { previewGoalInput } from "./goals.schemas";

// a query: it measures and checks, it changes nothing
export const previewGoalProcedure = roleProcedure("goals:manage").input(previewGoalInput).query(({ ctx, input }) => previewGoal(ctx, input));
