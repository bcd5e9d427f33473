import { roleProcedure } from "@/server/api/trpc";
import { goalFormOptions } from "@/server/goals/goals";

export const getGoalFormOptionsProcedure = roleProcedure("goals:manage").query(({ ctx }) => goalFormOptions(ctx));
