import { roleProcedure } from "@/server/api/trpc";
import { getNpsDistribution } from "@/server/kpi/reports";
import { reportInput } from "./kpi.schemas";

/** NPS answers per score 0-10 with promoters / passives / detractors. */
export const getNpsDistributionProcedure = roleProcedure("kpi:support").input(reportInput).query(({ ctx, input }) => getNpsDistribution(ctx, input));
