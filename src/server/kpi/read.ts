import type { PrismaClient } from "@/generated/prisma/client";
import type { Role } from "@/server/auth/permissions";
import { ForbiddenError, UserError } from "@/server/errors";
import { getKpi, describeKpi, KPIS } from "./catalog";
import { kpiAccess, canSeeKpi } from "./access";
import { computeKpi, drillDown } from "./engine";
import { PeriodError, resolvePeriod, type Grain, type PeriodInput } from "./period";
import type { KpiDefinition, KpiFilters } from "./types";

type Reader = { baseDb: PrismaClient; organizationId: string; role: Role; userId: string };

function load(id: string): KpiDefinition {
  const kpi = getKpi(id);
  if (!kpi) throw new UserError(`kpiId: there is no KPI "${id}".`);
  return kpi;
}

/** Resolves a period from user input; an invalid one is a 400 naming the field. */
export function period(input: PeriodInput, grain?: Grain) {
  try {
    return resolvePeriod(input, { grain });
  } catch (e) {
    if (e instanceof PeriodError) throw new UserError(`period.${e.message}`);
    throw e;
  }
}

function authorize(r: Reader, kpi: KpiDefinition, filters: KpiFilters): KpiFilters {
  const a = kpiAccess(r.role, r.userId, kpi, filters);
  if (!a.ok) throw new ForbiddenError(a.message);
  return a.filters;
}

export function listKpis(r: Pick<Reader, "role">) {
  return KPIS.map((k) => ({ ...describeKpi(k), canRead: canSeeKpi(r.role, k) }));
}

export async function readKpis(r: Reader, input: { kpiIds: string[]; period: PeriodInput; grain?: Grain; filters: KpiFilters; series: boolean; compare?: boolean }) {
  const kpis = input.kpiIds.map(load);
  const p = period(input.period, input.grain);
  const allowed = kpis.map((k) => authorize(r, k, input.filters));
  const results = await Promise.all(kpis.map((k, i) => computeKpi(r.baseDb, r.organizationId, k, p, allowed[i], { series: input.series, compare: input.compare, cache: true })));
  return {
    period: { current: p.current, previous: p.previous, grain: p.grain },
    kpis: results.map((res, i) => ({ ...describeKpi(kpis[i]!), ...res })),
  };
}

export async function readDrillDown(r: Reader, input: { kpiId: string; period: PeriodInput; filters: KpiFilters; page: number; pageSize: number }) {
  const kpi = load(input.kpiId);
  const filters = authorize(r, kpi, input.filters);
  const p = period(input.period);
  const d = await drillDown(r.baseDb, r.organizationId, kpi, p.current, filters, { offset: (input.page - 1) * input.pageSize, limit: input.pageSize });
  return { ...d, page: input.page, pageSize: input.pageSize, kpi: describeKpi(kpi), range: p.current };
}
