// How KPI values and their changes are written on the dashboards. Pure: used by client and server
// components and by the browser tests (which compare the page with the engine through these functions).
// Relative imports only (the Playwright specs import this file without the "@/" alias).

export type KpiUnit = "percent" | "days" | "hours" | "months" | "money" | "count" | "score" | "ratio" | "per_day";

const fixed = (digits: number) => new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const one = fixed(1);
const two = fixed(2);
const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The number alone, e.g. "42.1" for 42.13 % (used by sparklines' tooltips and tables). */
export function formatNumber(value: number, unit: KpiUnit): string {
  switch (unit) {
    case "money":
      return Math.abs(value) < 100 && !Number.isInteger(value) ? cents.format(value) : money.format(value);
    case "count":
      return count.format(value);
    case "ratio":
      return two.format(value);
    default:
      return one.format(value);
  }
}

/** A KPI value with its unit: "42.1%", "$12,345", "37.2 days", "5.0 hours", "1,204", "12.3 / day". null -> "—". */
export function formatKpiValue(value: number | null | undefined, unit: KpiUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const n = formatNumber(value, unit);
  switch (unit) {
    case "percent":
      return `${n}%`;
    case "days":
      return `${n} days`;
    case "hours":
      return `${n} hours`;
    case "months":
      return `${n} months`;
    case "per_day":
      return `${n} / day`;
    default:
      return n;
  }
}

/** The unit's short name, shown under a value. */
export const UNIT_LABELS: Record<KpiUnit, string> = {
  percent: "percent",
  days: "days",
  hours: "hours",
  months: "months",
  money: "US dollars",
  count: "count",
  score: "score",
  ratio: "ratio",
  per_day: "per day",
};

/**
 * The change vs the previous period: percentage points for percent KPIs, a relative change otherwise
 * (an absolute one when the previous value was 0). null when either value is missing.
 */
export function formatChange(k: { unit: KpiUnit; change: number | null; changePercent: number | null }): string | null {
  if (k.change === null) return null;
  const arrow = k.change > 0 ? "▲" : k.change < 0 ? "▼" : "■";
  if (k.unit === "percent") return `${arrow} ${one.format(Math.abs(k.change))} pts`;
  if (k.changePercent !== null) return `${arrow} ${one.format(Math.abs(k.changePercent))}%`;
  return `${arrow} ${formatKpiValue(Math.abs(k.change), k.unit)}`;
}

const dateFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** [start, end) as "Oct 1, 2026 – Dec 31, 2026" (the end day shown is the last day included). */
export function formatRange(r: { start: Date | string; end: Date | string }): string {
  const start = new Date(r.start);
  const last = new Date(new Date(r.end).getTime() - 86_400_000);
  return `${dateFormat.format(start)} – ${dateFormat.format(last)}`;
}

/** A table cell of a drill-down or report. */
export function formatCell(value: unknown, type?: "date" | "money" | "number" | "text"): string {
  if (value === null || value === undefined || value === "") return "—";
  if (type === "date") {
    const d = new Date(value as string);
    return Number.isNaN(d.getTime()) ? String(value) : dateFormat.format(d);
  }
  if (type === "money" || type === "number") {
    const n = Number(value);
    if (!Number.isFinite(n)) return String(value);
    return type === "money" ? money.format(n) : count.format(n);
  }
  if (value instanceof Date) return dateFormat.format(value);
  return String(value);
}
