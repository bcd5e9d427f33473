import type { KpiUnit } from "./format";

/** What a KPI card needs (serializable: passed from server pages to client components). */
export type KpiView = {
  id: string;
  name: string;
  description: string;
  unit: KpiUnit;
  direction: "higher" | "lower";
  formula: string;
  hasDrillDown: boolean;
  current: { value: number | null; reason?: string };
  previous: { value: number | null; reason?: string };
  change: number | null;
  changePercent: number | null;
  improved: boolean | null;
  series: { label: string; value: number | null }[];
  /** filters of the view this KPI does not understand (it is shown for everyone instead) */
  ignoredFilters: string[];
};
