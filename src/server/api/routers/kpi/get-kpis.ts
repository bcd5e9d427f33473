import { orgProcedure } from "@/server/api/trpc";
import { readKpis } from "@/server/kpi/read";
import { getKpisInput } from "./kpi.schemas";

/** Values, previous-period comparison and series for several KPIs; access is checked per KPI family. */
export const getKpisProcedure = orgProcedure.input(getKpisInput).query(({ ctx, input }) => readKpis(ctx, input));
