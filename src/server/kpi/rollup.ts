// Reading the daily KPI rollup ("KpiDaily", maintained by database triggers; metrics listed in the migration
// prisma/migrations/*_kpi_daily_rollup). A KPI with a `rollup` alternative is computed from it when the period's
// boundaries are UTC midnights and every active filter is one the rollup keeps (owner / team); otherwise the
// engine reads the base tables. Both give the same numbers (test/kpi-rollup.test.ts).
import type { Range } from "./period";
import type { FilterKey, FilterSql } from "./types";

/** The filters the rollup can apply: it is kept per owner (tickets: assignee). */
export const OWNER_FILTERS: readonly FilterKey[] = ["ownerId", "teamId"];
const OWNER = { ownerId: 'k."ownerId"' };

const quote = (m: string) => `'${m.replace(/'/g, "''")}'`;
const rows = (metric: string | string[]) => {
  const ms = Array.isArray(metric) ? metric : [metric];
  return `"KpiDaily" k WHERE k."organizationId" = $1::uuid AND k.metric ${ms.length === 1 ? `= ${quote(ms[0]!)}` : `IN (${ms.map(quote).join(", ")})`}`;
};

/** Sum of a metric's n (or total) over the days of the bucket b. */
export const daySum = (f: FilterSql, metric: string | string[], col: "n" | "total" = "n") =>
  `(SELECT COALESCE(sum(k.${col}), 0) FROM ${rows(metric)} AND k.day >= b.start AND k.day < b."end"${f(OWNER)})`;

/** total ÷ n of a metric over the bucket's days (a mean), divided by `unit`; NULL when n is 0. */
export const dayMean = (f: FilterSql, metric: string, unit = 1) =>
  `(SELECT (sum(k.total) / NULLIF(sum(k.n), 0))::float8 / ${unit}.0 FROM ${rows(metric)} AND k.day >= b.start AND k.day < b."end"${f(OWNER)})`;

/**
 * A snapshot metric (+1 on the day a record enters a state, -1 on the day it leaves) summed per day once, as the
 * CTE `name`; snapshotAt then reads "in the state at midnight t" as the sum of the days before t.
 */
export const snapshotCte = (name: string, f: FilterSql, metric: string | string[]) =>
  `${name} AS MATERIALIZED (SELECT k.day, sum(k.n) AS n, sum(k.total) AS total FROM ${rows(metric)}
     AND k.day < (SELECT max(bb."end") FROM buckets bb)${f(OWNER)} GROUP BY k.day)`;
export const snapshotAt = (name: string, at: 'b."end"' | "b.start", col: "n" | "total" = "n") =>
  `(SELECT COALESCE(sum(s.${col}), 0) FROM ${name} s WHERE s.day < ${at})`;

const isMidnight = (d: Date) => d.getTime() % 86_400_000 === 0;
/** The rollup counts whole UTC days: it can answer only for ranges that start and end at midnight. */
export const rangesOnDays = (ranges: Range[]) => ranges.every((r) => isMidnight(r.start) && isMidnight(r.end));
