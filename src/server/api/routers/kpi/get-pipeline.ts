import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { getPipeline } from "@/server/kpi/reports";
import { filtersInput } from "./kpi.schemas";

/** Open deals by stage now: count, value, share, days in stage. */
export const getPipelineProcedure = roleProcedure("kpi:sales").input(z.object({ filters: filtersInput })).query(({ ctx, input }) => getPipeline(ctx, input));
