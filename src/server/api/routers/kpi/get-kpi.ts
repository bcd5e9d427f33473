import { orgProcedure } from "@/server/api/trpc";
import { readKpis } from "@/server/kpi/read";
import { getKpiInput } from "./kpi.schemas";

export const getKpiProcedure = orgProcedure.input(getKpiInput).query(async ({ ctx, input }) => {
  const { period, kpis } = await readKpis(ctx, { ...input, kpiIds: [input.kpiId] });
  return { period, kpi: kpis[0]! };
});
