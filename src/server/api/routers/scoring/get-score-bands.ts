import { roleProcedure } from "@/server/api/trpc";
import { scoreBandConversion } from "@/server/scoring/report";
import { scoreBandsInput } from "../pipeline/selling.schemas";

/** Conversion rate by lead-score band for the leads created in a period (checks the model against outcomes). */
export const getScoreBandsProcedure = roleProcedure("kpi:sales").input(scoreBandsInput).query(({ ctx, input }) => scoreBandConversion(ctx, input));
