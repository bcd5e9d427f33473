import { orgProcedure } from "@/server/api/trpc";
import { readDrillDown } from "@/server/kpi/read";
import { drillDownInput } from "./kpi.schemas";

/** The records behind a KPI value (paginated), with the same access rule as the KPI. */
export const getDrillDownProcedure = orgProcedure.input(drillDownInput).query(({ ctx, input }) => readDrillDown(ctx, input));
