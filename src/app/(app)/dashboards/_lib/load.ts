import "server-only";
import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { getKpi } from "@/server/kpi/catalog";
import { period } from "@/server/kpi/read";
import { UserError } from "@/server/errors";
import type { api } from "@/trpc/server";
import type { KpiView } from "@/components/kpi/types";
import type { View, ViewFilters } from "./view";

type Caller = Awaited<ReturnType<typeof api>>;
type Many = Awaited<ReturnType<Caller["kpi"]["getMany"]>>;
export type PeriodInfo = Many["period"];

/**
 * Expected failures of a procedure become a sentence on the page; a refused read sends the user to the
 * 403 page (the page guard already checked the role: this only happens when the role changed meanwhile).
 */
export async function attempt<T>(fn: () => Promise<T>): Promise<{ ok: true; data: T } | { ok: false; problem: string }> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    if (e instanceof TRPCError) {
      if (e.code === "FORBIDDEN") redirect("/forbidden");
      if (e.code === "UNAUTHORIZED") redirect("/login");
      if (e.code === "BAD_REQUEST" || e.code === "SERVICE_UNAVAILABLE") return { ok: false, problem: e.message };
    }
    throw e;
  }
}

/** The view's period as the header shows it, resolved without the database (an invalid one is a sentence). */
export function viewPeriod(view: Pick<View, "period" | "grain">): { ok: true; period: PeriodInfo } | { ok: false; problem: string } {
  try {
    const p = period(view.period, view.grain);
    return { ok: true, period: { current: p.current, previous: p.previous, grain: p.grain } };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, problem: e.message };
    throw e;
  }
}

/**
 * All KPI cards of a view in one kpi.getMany (one SQL statement per KPI, in parallel on the server).
 * A KPI that does not understand an active filter is read without it (in a second getMany, run at the same
 * time) and its card says so, instead of failing the whole dashboard.
 */
export async function loadKpis(caller: Caller, ids: string[], view: Pick<View, "period" | "grain" | "filters">): Promise<{ period: PeriodInfo; kpis: KpiView[] }> {
  const active = (Object.keys(view.filters) as (keyof ViewFilters)[]).filter((k) => view.filters[k]);
  const groups = new Map<string, { filters: ViewFilters; ignored: string[]; ids: string[] }>();
  for (const id of ids) {
    const accepts: readonly string[] = getKpi(id)?.filters ?? [];
    const applied = active.filter((k) => accepts.includes(k));
    const key = applied.join(",");
    const g: { filters: ViewFilters; ignored: string[]; ids: string[] } = groups.get(key) ?? {
      filters: Object.fromEntries(applied.map((k) => [k, view.filters[k]])),
      ignored: active.filter((k) => !accepts.includes(k)),
      ids: [],
    };
    g.ids.push(id);
    groups.set(key, g);
  }
  const results = await Promise.all(
    [...groups.values()].map(async (g) => ({ g, res: await caller.kpi.getMany({ kpiIds: g.ids, period: view.period, grain: view.grain, filters: g.filters, series: true }) })),
  );
  const byId = new Map<string, KpiView>();
  const now = new Date();
  for (const { g, res } of results) for (const k of res.kpis) byId.set(k.id, toView(k, g.ignored, now));
  return { period: results[0]!.res.period, kpis: ids.map((id) => byId.get(id)!).filter(Boolean) };
}

/** Buckets that have not started yet are left out of trends (they would read as a drop to zero). */
function toView(k: Many["kpis"][number], ignoredFilters: string[], now: Date): KpiView {
  return {
    id: k.id,
    name: k.name,
    description: k.description,
    unit: k.unit,
    direction: k.direction,
    formula: k.formula,
    hasDrillDown: k.hasDrillDown,
    current: k.current,
    previous: k.previous,
    change: k.change,
    changePercent: k.changePercent,
    improved: k.improved,
    series: k.series.filter((s) => new Date(s.start) <= now).map((s) => ({ label: s.label, value: s.value })),
    ignoredFilters,
  };
}

/** Picks KPIs by id, in the order given (ids the role does not see are skipped). */
export function pick(kpis: KpiView[], ids: string[]): KpiView[] {
  const byId = new Map(kpis.map((k) => [k.id, k]));
  return ids.map((id) => byId.get(id)).filter((k): k is KpiView => !!k);
}

/** The ids of `wanted` that the role sees (`ids`), in the order of `wanted`. */
export function only(ids: string[], wanted: string[]): string[] {
  return wanted.filter((id) => ids.includes(id));
}

/** The bucket labels of a section's trend charts (every KPI of a view has the same buckets). */
export function labelsOf(kpis: KpiView[]): string[] {
  return kpis[0]?.series.map((s) => s.label) ?? [];
}

/** The view's owner or team filter alone, for the reports that take only those. */
export function peopleFilters(view: Pick<View, "filters">): { ownerId: string } | { teamId: string } | Record<string, never> {
  return view.filters.ownerId ? { ownerId: view.filters.ownerId } : view.filters.teamId ? { teamId: view.filters.teamId } : {};
}

/** A KPI's series as chart input. */
export function seriesOf(kpis: KpiView[], id: string): (number | null)[] {
  return kpis.find((k) => k.id === id)?.series.map((s) => s.value) ?? [];
}
