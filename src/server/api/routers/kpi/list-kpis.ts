import { orgProcedure } from "@/server/api/trpc";
import { listKpis } from "@/server/kpi/read";

/** Every KPI's definition and formula (definitions are not data: any member may read them). */
export const listKpisProcedure = orgProcedure.query(({ ctx }) => listKpis(ctx));
