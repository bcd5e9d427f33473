// Periods and time buckets for KPIs. All dates are UTC; a range is [start, end).

export const GRAINS = ["week", "month", "quarter"] as const;
export type Grain = (typeof GRAINS)[number];
export const PRESETS = ["this_month", "last_month", "this_quarter", "last_quarter", "this_year", "last_year", "last_30_days", "last_90_days", "last_12_months"] as const;
export type Preset = (typeof PRESETS)[number];

export type Range = { start: Date; end: Date };
export type PeriodInput = { preset: Preset } | { start: Date; end: Date };
export type ResolvedPeriod = {
  current: Range;
  previous: Range;
  grain: Grain;
  series: Range[];
  /** "calendar" periods compare with the previous calendar unit; custom ones with the same number of days before */
  kind: "month" | "quarter" | "year" | "days";
  /** the moment the period was resolved: rates per day / per month count only the days elapsed by then */
  now: Date;
};

const DAY = 86_400_000;
export const MAX_SERIES_BUCKETS = 400;

export const utc = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m, d));
export const startOfDay = (d: Date) => utc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
/** the start of the next UTC day: "today" as the end of a range */
export const endOfDay = (d: Date) => addDays(startOfDay(d), 1);
export const addMonths = (d: Date, n: number) => utc(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate());
export const startOfMonth = (d: Date) => utc(d.getUTCFullYear(), d.getUTCMonth());
const startOfQuarter = (d: Date) => utc(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3);
const startOfYear = (d: Date) => utc(d.getUTCFullYear(), 0);
/** ISO week: Monday 00:00 UTC */
export const startOfWeek = (d: Date) => addDays(startOfDay(d), -((d.getUTCDay() + 6) % 7));

export function truncate(d: Date, grain: Grain): Date {
  return grain === "week" ? startOfWeek(d) : grain === "month" ? startOfMonth(d) : startOfQuarter(d);
}
export function nextBucket(d: Date, grain: Grain): Date {
  return grain === "week" ? addDays(d, 7) : addMonths(d, grain === "month" ? 1 : 3);
}

function presetRange(preset: Preset, now: Date): { range: Range; kind: ResolvedPeriod["kind"] } {
  const today = startOfDay(now);
  const tomorrow = addDays(today, 1);
  switch (preset) {
    case "this_month": return { range: { start: startOfMonth(now), end: addMonths(startOfMonth(now), 1) }, kind: "month" };
    case "last_month": return { range: { start: addMonths(startOfMonth(now), -1), end: startOfMonth(now) }, kind: "month" };
    case "this_quarter": return { range: { start: startOfQuarter(now), end: addMonths(startOfQuarter(now), 3) }, kind: "quarter" };
    case "last_quarter": return { range: { start: addMonths(startOfQuarter(now), -3), end: startOfQuarter(now) }, kind: "quarter" };
    case "this_year": return { range: { start: startOfYear(now), end: addMonths(startOfYear(now), 12) }, kind: "year" };
    case "last_year": return { range: { start: addMonths(startOfYear(now), -12), end: startOfYear(now) }, kind: "year" };
    case "last_30_days": return { range: { start: addDays(tomorrow, -30), end: tomorrow }, kind: "days" };
    case "last_90_days": return { range: { start: addDays(tomorrow, -90), end: tomorrow }, kind: "days" };
    case "last_12_months": return { range: { start: addMonths(startOfMonth(now), -11), end: addMonths(startOfMonth(now), 1) }, kind: "year" };
  }
}

/** The grain that gives a readable series for a period of this length. */
export function defaultGrain(range: Range): Grain {
  const days = (range.end.getTime() - range.start.getTime()) / DAY;
  return days <= 93 ? "week" : days <= 731 ? "month" : "quarter";
}

/** Buckets at the grain that overlap the range, clipped to it (first and last may be partial). */
export function seriesBuckets(range: Range, grain: Grain): Range[] {
  const out: Range[] = [];
  for (let s = truncate(range.start, grain); s < range.end; s = nextBucket(s, grain)) {
    const e = nextBucket(s, grain);
    out.push({ start: s < range.start ? range.start : s, end: e > range.end ? range.end : e });
    if (out.length > MAX_SERIES_BUCKETS) throw new PeriodError(`grain: a ${grain} series of this period has more than ${MAX_SERIES_BUCKETS} points; choose a coarser grain.`);
  }
  return out;
}

export class PeriodError extends Error {}

export function resolvePeriod(input: PeriodInput, opts: { grain?: Grain; now?: Date } = {}): ResolvedPeriod {
  const now = opts.now ?? new Date();
  let current: Range;
  let kind: ResolvedPeriod["kind"];
  if ("preset" in input) ({ range: current, kind } = presetRange(input.preset, now));
  else {
    if (!(input.start instanceof Date) || isNaN(input.start.getTime())) throw new PeriodError("start: not a valid date.");
    if (!(input.end instanceof Date) || isNaN(input.end.getTime())) throw new PeriodError("end: not a valid date.");
    if (input.end <= input.start) throw new PeriodError("end: must be after start.");
    if (input.start.getUTCFullYear() < 1990 || input.end.getUTCFullYear() > 2200) throw new PeriodError("start/end: dates must be between 1990 and 2200.");
    current = { start: input.start, end: input.end };
    kind = "days";
  }
  const previous: Range =
    kind === "month" ? { start: addMonths(current.start, -1), end: current.start }
    : kind === "quarter" ? { start: addMonths(current.start, -3), end: current.start }
    : kind === "year" ? { start: addMonths(current.start, -12), end: current.start }
    : { start: new Date(2 * current.start.getTime() - current.end.getTime()), end: current.start };
  const grain = opts.grain ?? defaultGrain(current);
  return { current, previous, grain, series: seriesBuckets(current, grain), kind, now };
}

export function bucketLabel(r: Range, grain: Grain): string {
  const y = r.start.getUTCFullYear();
  if (grain === "quarter") return `Q${Math.floor(r.start.getUTCMonth() / 3) + 1} ${y}`;
  if (grain === "month") return r.start.toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
  return r.start.toISOString().slice(0, 10);
}
