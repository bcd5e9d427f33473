import { roleProcedure } from "@/server/api/trpc";
import { getHomeSummary } from "@/server/home/summary";

export const getHomeSummaryProcedure = roleProcedure("home:read").query(({ ctx }) => getHomeSummary(ctx));
