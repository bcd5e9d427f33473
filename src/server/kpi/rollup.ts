// Reading the daily KPI rollup ("KpiDaily", maintained by database triggers; metrics listed in the migration
// prisma/migrations/*_kpi_daily_rollup). A KPI with a `rollup` alternative is computed from it when the period's
// boundaries are UTC midnights and every active filter is one the rollup keeps (owner / team); otherwise the
// engine reads the base tables. Both give the same numbers (test/kpi-rollup.test.ts).
import type { Range } from "./period";
import type { FilterKey, FilterSql } from "./types";

/** The filters the rollup can apply: it is kept per owner (tickets: assignee). */
export const OWNER_FILTERS: readonly FilterKey[] = ["ownerId", "teamId"];
/**
 * Some metrics are also kept per dimension value (one dimension at a time, with the owner), as metrics named
 * "<metric>|<filter>=<value>": ticket metrics per channel and priority (migration *_ticket_rollup_dimensions),
 * lead metrics per source and campaign, "deal.won" per campaign (migration *_lead_deal_rollup_dimensions).
 */
export const DIMENSION_FILTERS: readonly FilterKey[] = ["channel", "priority", "source", "campaignId"];
export const TICKET_DIMENSIONS: readonly FilterKey[] = ["channel", "priority"];
export const TICKET_ROLLUP_FILTERS: readonly FilterKey[] = [...OWNER_FILTERS, ...TICKET_DIMENSIONS];
/** KPIs reading only "lead.created" / "lead.converted" */
export const LEAD_ROLLUP_FILTERS: readonly FilterKey[] = [...OWNER_FILTERS, "source", "campaignId"];
/** KPIs reading only "deal.won" */
export const WON_DEAL_ROLLUP_FILTERS: readonly FilterKey[] = [...OWNER_FILTERS, "campaignId"];
const OWNER = { ownerId: 'k."ownerId"' };

const quote = (m: string) => `'${m.replace(/'/g, "''")}'`;
/** The metric's name as SQL: with the active channel or priority filter, its per-dimension variant. */
const metricName = (f: FilterSql, metric: string) => {
  for (const k of DIMENSION_FILTERS) {
    const p = f.param?.(k);
    // an id as PostgreSQL prints it (lower case), as the trigger wrote it
    if (p) return `(${quote(`${metric}|${k}=`)} || ${k === "campaignId" ? `${p}::uuid::text` : p})`;
  }
  return quote(metric);
};
/** Whether an owner or team filter is active: then the per-owner rows are read, else their sums per day. */
const byOwner = (f: FilterSql) => !!(f.param?.("ownerId") || f.param?.("teamId"));
/**
 * A metric's rows: "KpiDaily" (one per owner and day) under an owner or team filter, else "KpiDailyOrg" (their sum
 * per day, kept by a trigger on "KpiDaily"; migration kpi_daily_org), a fraction of the rows. `perOwner` forces the
 * per-owner rows (counting owners). f(OWNER) renders nothing without an owner filter, so both read the same way.
 */
const rows = (f: FilterSql, metric: string | string[], perOwner = false) => {
  const ms = (Array.isArray(metric) ? metric : [metric]).map((m) => metricName(f, m));
  const table = perOwner || byOwner(f) ? `"KpiDaily"` : `"KpiDailyOrg"`;
  return `${table} k WHERE k."organizationId" = $1::uuid AND k.metric ${ms.length === 1 ? `= ${ms[0]}` : `IN (${ms.join(", ")})`}`;
};

/** Sum of a metric's n (or total) over the days of the bucket b. */
export const daySum = (f: FilterSql, metric: string | string[], col: "n" | "total" = "n") =>
  `(SELECT COALESCE(sum(k.${col}), 0) FROM ${rows(f, metric)} AND k.day >= b.start AND k.day < b."end"${f(OWNER)})`;

/** How many distinct owners (for the audit metrics: users) have a row with n > 0 on the bucket's days. */
export const distinctOwners = (f: FilterSql, metric: string) =>
  `(SELECT count(DISTINCT k."ownerId") FROM ${rows(f, metric, true)} AND k.n > 0 AND k.day >= b.start AND k.day < b."end"${f(OWNER)})`;

/** total ÷ n of a metric over the bucket's days (a mean), divided by `unit`; NULL when n is 0. */
export const dayMean = (f: FilterSql, metric: string, unit = 1) =>
  `(SELECT (sum(k.total) / NULLIF(sum(k.n), 0))::float8 / ${unit}.0 FROM ${rows(f, metric)} AND k.day >= b.start AND k.day < b."end"${f(OWNER)})`;

/**
 * A snapshot metric (+1 on the day a record enters a state, -1 on the day it leaves) summed per day once, as the
 * CTE `name`; snapshotAt then reads "in the state at midnight t" as the sum of the days before t.
 */
export const snapshotCte = (name: string, f: FilterSql, metric: string | string[]) =>
  `${name} AS MATERIALIZED (SELECT k.day, sum(k.n) AS n, sum(k.total) AS total FROM ${rows(f, metric)}
     AND k.day < (SELECT max(bb."end") FROM buckets bb)${f(OWNER)} GROUP BY k.day)`;
/** total ÷ n of a metric over every day before `at` (a mean over all records so far), divided by `unit`; NULL when n is 0. */
export const meanBefore = (f: FilterSql, metric: string, at: string, unit = 1) =>
  `(SELECT (sum(k.total) / NULLIF(sum(k.n), 0))::float8 / ${unit}.0 FROM ${rows(f, metric)} AND k.day < ${at}${f(OWNER)})`;
export const snapshotAt = (name: string, at: 'b."end"' | "b.start", col: "n" | "total" = "n") =>
  `(SELECT COALESCE(sum(s.${col}), 0) FROM ${name} s WHERE s.day < ${at})`;

const isMidnight = (d: Date) => d.getTime() % 86_400_000 === 0;
/** The rollup counts whole UTC days: it can answer only for ranges that start and end at midnight. */
export const rangesOnDays = (ranges: Range[]) => ranges.every((r) => isMidnight(r.start) && isMidnight(r.end));

/**
 * Exact percentile_cont(p) of ticket durations (seconds from openedAt to `end`) over the tickets whose `end` is in
 * the bucket, organization-wide, from the duration histogram in the rollup (migration *_ticket_duration_histogram):
 * the histogram says which duration bucket holds rank p × (n − 1) and how many tickets lie below it; the two
 * tickets around that rank are then read from that bucket's tickets of the period only (an index by organization,
 * duration bucket and day), instead of sorting every ticket of the period. They are read through the view
 * "TicketDuration" (migration ticket_duration_changes): the result cache then recomputes them only after a write that
 * changes a duration, not after every write to a ticket. `histCte` must be in the statement's WITH.
 */
type End = 't."firstResponseAt"' | 't."resolvedAt"';
const seconds = (end: End) => `EXTRACT(EPOCH FROM (${end} - t."openedAt"))::float8`;
/** must stay identical to the index expression and the trigger's */
const bucketOf = (end: End) => `width_bucket(${seconds(end)}, kpi_duration_thresholds())`;

/**
 * The histogram per bucket: the bucket's whole calendar months from "KpiMonthlyOrg" and only its days outside them
 * (at its edges, or all of them when it holds no whole month) from "KpiDailyOrg": a year is 12 monthly rows per
 * duration bucket instead of 365 daily ones.
 */
export const durationHistCte = (name: string, f: FilterSql, metric: string) =>
  `${name} AS MATERIALIZED (
     WITH names AS (SELECT ARRAY(SELECT ${metricName(f, metric)} || '.' || i FROM generate_series(0, cardinality(kpi_duration_thresholds())) i) AS m),
     -- [ms, me): the bucket's whole months (none when ms >= me)
     spans AS (SELECT b.idx, b.start, b."end", date_trunc('month', b."end") AS me,
                 CASE WHEN date_trunc('month', b.start) = b.start THEN b.start ELSE date_trunc('month', b.start) + interval '1 month' END AS ms
                 FROM buckets b),
     parts AS (
       SELECT s.idx, k.metric, k.n FROM spans s
         JOIN "KpiMonthlyOrg" k ON k."organizationId" = $1::uuid AND k.metric = ANY ((SELECT m FROM names)::text[]) AND k.month >= s.ms AND k.month < s.me
        WHERE s.ms < s.me
       UNION ALL
       SELECT s.idx, k.metric, k.n FROM spans s
         CROSS JOIN LATERAL (SELECT s.start AS f, s."end" AS t WHERE s.ms >= s.me
                             UNION ALL SELECT s.start, s.ms WHERE s.ms < s.me
                             UNION ALL SELECT s.me, s."end" WHERE s.ms < s.me) r
         JOIN "KpiDailyOrg" k ON k."organizationId" = $1::uuid AND k.metric = ANY ((SELECT m FROM names)::text[]) AND k.day >= r.f AND k.day < r.t)
     SELECT h.idx, h.hb, h.n, sum(h.n) OVER (PARTITION BY h.idx ORDER BY h.hb) - h.n AS below, sum(h.n) OVER (PARTITION BY h.idx) AS total
       FROM (SELECT p.idx, split_part(p.metric, '.', -1)::int AS hb, sum(p.n) AS n FROM parts p GROUP BY 1, 2 HAVING sum(p.n) > 0) h)`;

export const durationPercentile = (histCte: string, f: FilterSql, p: number, end: End, unit = 1) => {
  // the duration at 0-based rank `r` among the bucket's tickets
  const at = (r: string) => `(SELECT x.d FROM ${histCte} c CROSS JOIN LATERAL (
      SELECT ${seconds(end)} AS d FROM "TicketDuration" t
       WHERE t."organizationId" = $1::uuid AND t."deletedAt" IS NULL AND ${bucketOf(end)} = c.hb AND ${end} >= b.start AND ${end} < b."end"${f({ channel: "t.channel", priority: "t.priority" })}
       ORDER BY 1 OFFSET ${r} - c.below LIMIT 1) x
     WHERE c.idx = b.idx AND ${r} >= c.below AND ${r} < c.below + c.n)`;
  // percentile_cont: position p × (n − 1), linear between the values at its floor and the next rank
  return `(SELECT (v.lo + (${p} * (s.total - 1) - s.r) * (coalesce(v.hi, v.lo) - v.lo)) / ${unit}.0
     FROM (SELECT max(c.total) AS total, floor(${p} * (max(c.total) - 1)) AS r FROM ${histCte} c WHERE c.idx = b.idx) s
     CROSS JOIN LATERAL (SELECT ${at("s.r")} AS lo, CASE WHEN s.r + 1 < s.total THEN ${at("(s.r + 1)")} END AS hi) v
    WHERE s.total > 0)`;
};
