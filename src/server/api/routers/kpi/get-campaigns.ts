import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { getCampaigns } from "@/server/kpi/reports";
import { periodInput } from "./kpi.schemas";

/** Campaign effectiveness table: leads, conversion, cost per lead, revenue, new customers, ROI. */
export const getCampaignsProcedure = roleProcedure("kpi:sales").input(z.object({ period: periodInput })).query(({ ctx, input }) => getCampaigns(ctx, input));
