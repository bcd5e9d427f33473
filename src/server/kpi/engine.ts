import type { PrismaClient } from "@/generated/prisma/client";
import { UserError } from "@/server/errors";
import { bucketLabel, endOfDay, type Range, type ResolvedPeriod } from "./period";
import type { Components, FilterKey, FilterSql, KpiDefinition, KpiFilters, KpiValue } from "./types";
import { FILTER_KEYS } from "./types";
import { rangeParams, tsLiteral, toNumber } from "./sql";
import { DIMENSION_FILTERS, rangesOnDays } from "./rollup";
import { cachedComponents, sourcesOf } from "./cache";
import { limitKpiStatement } from "./limit";
import { isUuid } from "@/server/uuid";

type RawDb = Pick<PrismaClient, "$queryRawUnsafe">;

const UUID_FILTERS = new Set<FilterKey>(["ownerId", "teamId", "campaignId"]);

/**
 * The buckets as a CTE. b.days is the number of days of the bucket elapsed by the end of `now`'s day (the whole
 * bucket when it is past): per-day and per-month rates of a period still running divide by the days so far,
 * and a bucket entirely in the future has 0 days (its rates are null, not 0).
 */
export function bucketsSql(ranges: Range[], now: Date): string {
  // whole days: today counts as elapsed, so a value is stable through the day (not changing by the second)
  const endOfToday = endOfDay(now).getTime();
  const days = (r: Range) => Math.max(0, (Math.min(r.end.getTime(), endOfToday) - r.start.getTime()) / 86_400_000);
  const rows = ranges.map((r, i) => `(${i}, ${tsLiteral(r.start)}, ${tsLiteral(r.end)}, ${days(r)}::float8)`).join(", ");
  return `buckets AS (SELECT v.idx, v.start, v."end", v.days FROM (VALUES ${rows}) AS v(idx, start, "end", days))`;
}

const activeFilters = (filters: KpiFilters) => FILTER_KEYS.filter((k) => filters[k] !== undefined && filters[k] !== "");

/** Checks the filters against what the KPI understands and builds the SQL renderer with its parameters. */
export function filterSql(kpi: Pick<KpiDefinition, "id" | "filters">, filters: KpiFilters, params: unknown[]): FilterSql {
  const active = activeFilters(filters);
  for (const k of active) {
    if (!kpi.filters.includes(k)) throw new UserError(`filters.${k}: does not apply to the KPI "${kpi.id}" (it takes: ${kpi.filters.join(", ") || "no filters"}).`);
    if (UUID_FILTERS.has(k) && !isUuid(filters[k]!)) throw new UserError(`filters.${k}: must be an id.`);
  }
  const slots = new Map<FilterKey, number>();
  for (const k of active) {
    params.push(filters[k]);
    slots.set(k, params.length);
  }
  const render: FilterSql = (columns) =>
    active
      .map((k) => {
        const col = columns[k === "teamId" ? "ownerId" : k];
        if (!col) return "";
        const p = `$${slots.get(k)}`;
        if (k === "teamId") return ` AND ${col} IN (SELECT tm."userId" FROM "Membership" tm WHERE tm."organizationId" = $1::uuid AND tm."teamId" = ${p}::uuid)`;
        return UUID_FILTERS.has(k) ? ` AND ${col} = ${p}::uuid` : ` AND ${col}::text = ${p}`;
      })
      .join("");
  render.param = (k) => (slots.has(k) ? `$${slots.get(k)}` : undefined);
  return render;
}

/** "auto": the daily rollup when it can answer (see rollup.ts), else the base tables; "base": always the base tables. */
export type KpiSource = "auto" | "base";

/** Whether the statement for these ranges and filters reads the rollup. */
export function usesRollup(kpi: KpiDefinition, ranges: Range[], filters: KpiFilters, source: KpiSource = "auto"): boolean {
  const active = activeFilters(filters);
  return (
    source === "auto" && !!kpi.rollup && rangesOnDays(ranges) && active.every((k) => kpi.rollup!.filters.includes(k)) &&
    // the rollup keeps each dimension alone (by channel, by priority), not their combinations
    active.filter((k) => DIMENSION_FILTERS.includes(k)).length <= 1
  );
}

/** The ONE statement that computes the KPI's components for every range (also used by the benchmark). */
export function kpiStatement(organizationId: string, kpi: KpiDefinition, ranges: Range[], filters: KpiFilters, now: Date = new Date(), source: KpiSource = "auto"): { sql: string; params: unknown[] } {
  const params: unknown[] = [organizationId];
  const f = filterSql(kpi, filters, params);
  const shape = usesRollup(kpi, ranges, filters, source) ? kpi.rollup! : kpi;
  const ctes = [bucketsSql(ranges, now), ...(shape.with ? [shape.with(f)] : [])].join(", ");
  return { sql: `WITH ${ctes} SELECT b.idx, ${shape.components(f)} FROM buckets b ORDER BY b.idx`, params };
}

/** Runs the KPI's components for every range in ONE statement; returns each range's components. */
export async function queryComponents(db: RawDb, organizationId: string, kpi: KpiDefinition, ranges: Range[], filters: KpiFilters, now?: Date, source?: KpiSource): Promise<Components[]> {
  return runStatement(db, kpiStatement(organizationId, kpi, ranges, filters, now, source));
}

async function runStatement(db: RawDb, { sql, params }: { sql: string; params: unknown[] }): Promise<Components[]> {
  const rows = await limitKpiStatement(() => db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params));
  return rows.map((row) => {
    const c: Components = {};
    for (const [k, v] of Object.entries(row)) if (k !== "idx") c[k] = toNumber(v);
    return c;
  });
}

/** queryComponents through the result cache (cache.ts): the same numbers, computed once per change of the data. */
export async function cachedQueryComponents(db: RawDb, organizationId: string, kpi: KpiDefinition, ranges: Range[], filters: KpiFilters, now?: Date, source?: KpiSource): Promise<Components[]> {
  const statement = kpiStatement(organizationId, kpi, ranges, filters, now, source);
  // a rollup statement depends on the metric families it reads, so a write that changes none of them (a task
  // added, a deal moved between open stages) leaves its result valid
  return cachedComponents(db, organizationId, statement, sourcesOf(statement.sql), () => runStatement(db, statement));
}

export type KpiPoint = KpiValue & { start: Date; end: Date; label: string };
export type KpiResult = {
  kpiId: string;
  current: KpiValue;
  previous: KpiValue;
  /** current - previous, in the KPI's unit */
  change: number | null;
  /** relative change in percent of the previous value */
  changePercent: number | null;
  /** true when the change is good given the KPI's direction; null when unchanged or unknown */
  improved: boolean | null;
  series: KpiPoint[];
};

/** The KPI for a period, the previous comparable period and the series: one SQL statement. */
export async function computeKpi(
  db: RawDb,
  organizationId: string,
  kpi: KpiDefinition,
  period: ResolvedPeriod,
  filters: KpiFilters = {},
  opts: { series?: boolean; compare?: boolean; source?: KpiSource; cache?: boolean } = {},
): Promise<KpiResult> {
  const withSeries = opts.series ?? true;
  // compare: false computes only the period (a breakdown table shows no change), half the work of the statement
  const compare = opts.compare ?? true;
  const ranges = [period.current, ...(compare ? [period.previous] : []), ...(withSeries ? period.series : [])];
  const comps = opts.cache
    ? await cachedQueryComponents(db, organizationId, kpi, ranges, filters, period.now, opts.source)
    : await queryComponents(db, organizationId, kpi, ranges, filters, period.now, opts.source);
  const values = comps.map((c) => clean(kpi.value(c)));
  if (!compare) values.splice(1, 0, { value: null, reason: "not compared" });
  const [current, previous] = [values[0]!, values[1]!];
  const change = current.value !== null && previous.value !== null ? current.value - previous.value : null;
  return {
    kpiId: kpi.id,
    current,
    previous,
    change,
    changePercent: change !== null && previous.value ? (change / Math.abs(previous.value)) * 100 : null,
    improved: change === null || change === 0 ? null : (change > 0) === (kpi.direction === "higher"),
    series: withSeries ? period.series.map((r, i) => ({ ...r, label: bucketLabel(r, period.grain), ...values[i + 2]! })) : [],
  };
}

function clean(v: KpiValue): KpiValue {
  if (v.value !== null && !Number.isFinite(v.value)) return { value: null, reason: v.reason ?? "not computable" };
  return v.value === null ? { value: null, reason: v.reason ?? "no data" } : { value: v.value };
}

/** The records behind a KPI value for a range, paginated. */
export async function drillDown(db: RawDb, organizationId: string, kpi: KpiDefinition, range: Range, filters: KpiFilters, page: { offset: number; limit: number }) {
  if (!kpi.drill) throw new UserError(`kpiId: the KPI "${kpi.id}" has no drill-down.`);
  // drill SQL reads the range as $2::timestamp and $3::timestamp
  const params: unknown[] = [organizationId, ...rangeParams(range)];
  const f = filterSql(kpi, filters, params);
  const base = kpi.drill.sql(f);
  params.push(page.limit, page.offset);
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    // the range CTE types $2/$3 even for drill SQL that only needs one of them
    `WITH range AS (SELECT $2::timestamp AS start, $3::timestamp AS "end") SELECT d.*, count(*) OVER () AS "__total" FROM (${base}) d ORDER BY ${kpi.drill.orderBy} LIMIT $${params.length - 1} OFFSET $${params.length}`,
    ...params,
  );
  const total = rows.length ? Number(rows[0]!.__total) : 0;
  return {
    title: kpi.drill.title,
    columns: kpi.drill.columns,
    total,
    rows: rows.map(({ __total: _t, ...r }) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]))),
  };
}
