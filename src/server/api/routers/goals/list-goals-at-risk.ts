import { roleProcedure } from "@/server/api/trpc";
import { listGoalsAtRisk } from "@/server/goals/goals";

export const listGoalsAtRiskProcedure = roleProcedure("goals:read").query(({ ctx }) => listGoalsAtRisk(ctx));
