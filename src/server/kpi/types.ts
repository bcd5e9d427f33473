import type { Action, Role } from "@/server/auth/permissions";

export const FAMILIES = ["sales", "customer", "support", "adoption"] as const;
export type Family = (typeof FAMILIES)[number];

/** The permission each family needs (see the permission table). */
export const FAMILY_PERMISSION: Record<Family, Action> = {
  sales: "kpi:sales",
  customer: "kpi:customer",
  support: "kpi:support",
  adoption: "kpi:adoption",
};
export const FAMILY_OWNER: Record<Family, Role> = {
  sales: "SALES_MANAGER",
  customer: "CRM_MANAGER",
  support: "SUPPORT_MANAGER",
  adoption: "CRM_MANAGER",
};
export const FAMILY_LABELS: Record<Family, string> = {
  sales: "Sales & marketing",
  customer: "Customer",
  support: "Support & satisfaction",
  adoption: "CRM adoption & data quality",
};

export type Unit = "percent" | "days" | "hours" | "months" | "money" | "count" | "score" | "ratio" | "per_day";
export type Direction = "higher" | "lower";

export const FILTER_KEYS = ["ownerId", "teamId", "source", "campaignId", "segment", "channel", "priority"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type KpiFilters = Partial<Record<FilterKey, string>>;

/**
 * Renders the active filters as `AND ...` clauses for one table: pass the column expression each filter
 * applies to (e.g. { ownerId: 'l."ownerId"', source: 'l."source"' }). Filter values become parameters.
 */
export type FilterSql = ((columns: Partial<Record<FilterKey, string>>) => string) & {
  /** the parameter ($n) holding an active filter's value; undefined when the filter is not set */
  param?: (key: FilterKey) => string | undefined;
};

/** Aggregates of one bucket, by component name (numbers; null when SQL gave NULL). */
export type Components = Record<string, number | null>;
export type KpiValue = { value: number | null; reason?: string };

export type KpiDefinition = {
  id: string;
  name: string;
  family: Family;
  description: string;
  unit: Unit;
  direction: Direction;
  /** How the number is computed, in words users read in the app. */
  formula: string;
  /** Filters this KPI understands; any other filter is refused with a clear error. */
  filters: readonly FilterKey[];
  /**
   * SQL select-list of named aggregates for one bucket `b` (columns b.start, b."end", b.days),
   * each usually a correlated sub-select on the organization's rows ($1 = organizationId).
   * One statement computes every bucket: the engine wraps it as `SELECT b.idx, <this> FROM buckets b`.
   */
  components: (f: FilterSql) => string;
  /** Extra CTEs (after `buckets`) the components read, e.g. a per-record pass computed once for every bucket. */
  with?: (f: FilterSql) => string;
  /**
   * The same components read from the daily rollup ("KpiDaily"), used when the period is whole UTC days and every
   * active filter is in `filters` (see rollup.ts). Must give the same numbers as `components`.
   */
  rollup?: { filters: readonly FilterKey[]; with?: (f: FilterSql) => string; components: (f: FilterSql) => string };
  /** Combines one bucket's aggregates into the KPI value (the formula's arithmetic; never counts rows). */
  value: (c: Components) => KpiValue;
  /** The records behind a value (drill-down). */
  drill?: DrillDefinition;
};

export type DrillDefinition = {
  /** what the rows are, e.g. "Customers lost in the period" */
  title: string;
  /** column keys and labels, in order */
  columns: readonly { key: string; label: string; type?: "date" | "money" | "number" | "text" }[];
  /** SELECT ... FROM ... WHERE ... (no ORDER/LIMIT) for the period [$2, $3); $1 = organizationId */
  sql: (f: FilterSql) => string;
  orderBy: string;
};

/** null with a reason instead of a division by zero. */
type Maybe = number | null | undefined;
export function ratio(numerator: Maybe, denominator: Maybe, reason: string, scale = 1): KpiValue {
  if (numerator == null || denominator == null || denominator === 0) return { value: null, reason };
  return { value: (numerator / denominator) * scale };
}
export const percent = (n: Maybe, d: Maybe, reason: string) => ratio(n, d, reason, 100);
export function present(v: Maybe, reason: string): KpiValue {
  return v == null || Number.isNaN(v) ? { value: null, reason } : { value: v };
}
