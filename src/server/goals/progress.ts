// Goal arithmetic: target, progress, today's target, forecast, status and the SMART check.
// Pure functions (no database): every rule about how a goal is judged lives here, once.
//
// How a goal's values are measured (see measure.ts): every value is the KPI over a window as long as the
// goal itself (start .. end of the deadline day). The baseline is the window that ends at the start date,
// the current value the window that ends today (at the deadline once it has passed), so the value at the
// deadline is exactly the KPI over the goal's own period, and baseline, current value and target compare
// like with like (a quarter's churn with a quarter's churn).

export type Direction = "higher" | "lower";
export type TargetType = "ABSOLUTE" | "RELATIVE";
export type GoalStatus = "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "ACHIEVED" | "MISSED";

export const STATUS_LABELS: Record<GoalStatus, string> = {
  ON_TRACK: "On track",
  AT_RISK: "At risk",
  OFF_TRACK: "Off track",
  ACHIEVED: "Achieved",
  MISSED: "Missed",
};

const DAY = 86_400_000;

/** Behind the straight path by at most this many percentage points of the planned change: still on track. */
export const ON_TRACK_GAP = 10;
/** Behind by more than this: off track (between the two: at risk). */
export const OFF_TRACK_GAP = 25;

/** The instant a goal ends: the deadline day is included (the goal runs until the end of that UTC day). */
export function goalEnd(deadline: Date): Date {
  const d = new Date(Date.UTC(deadline.getUTCFullYear(), deadline.getUTCMonth(), deadline.getUTCDate()));
  return new Date(d.getTime() + DAY);
}

export type Target = { value: number; reason?: undefined } | { value: null; reason: string };

/**
 * The target value. ABSOLUTE: the value itself. RELATIVE: a change in percent of the baseline
 * ("reduce churn by 25%" = -25: a 4.0% churn becomes 3.0%, a relative change, not percentage points).
 */
export function resolveTarget(type: TargetType, value: number, baseline: number | null): Target {
  if (type === "ABSOLUTE") return { value };
  if (baseline === null) return { value: null, reason: "a relative target needs a baseline, and there is no data at the start date" };
  if (baseline === 0) return { value: null, reason: "a relative change of a zero baseline is still zero: set an absolute target" };
  return { value: baseline * (1 + value / 100) };
}

/** The value reaches the target: at or above it for higher-is-better KPIs, at or below for lower-is-better. */
export function meetsTarget(value: number, target: number, direction: Direction): boolean {
  return direction === "higher" ? value >= target : value <= target;
}

/**
 * Progress from baseline to target in percent: 0 at the baseline, 100 at the target, negative when the value
 * moved the wrong way, above 100 past the target. The same formula is right for both directions, because the
 * change made and the change planned have the same sign when the KPI moves the right way.
 * A target equal to the baseline: 100 when the value is at or beyond it, else 0.
 */
export function progressPercent(baseline: number | null, target: number | null, current: number | null, direction: Direction): number | null {
  if (baseline === null || target === null || current === null) return null;
  if (target === baseline) return meetsTarget(current, target, direction) ? 100 : 0;
  return ((current - baseline) / (target - baseline)) * 100;
}

/** Share of the goal's time elapsed at `at`, from 0 (start) to 1 (end of the deadline day). */
export function elapsedFraction(start: Date, deadline: Date, at: Date): number {
  const s = start.getTime();
  const e = goalEnd(deadline).getTime();
  if (e <= s) return 1;
  return Math.min(1, Math.max(0, (at.getTime() - s) / (e - s)));
}

/** The value on a straight path from the baseline (at the start) to the target (at the deadline). "Today's target" at `at` = now. */
export function pathValue(baseline: number | null, target: number | null, start: Date, deadline: Date, at: Date): number | null {
  if (baseline === null || target === null) return null;
  return baseline + (target - baseline) * elapsedFraction(start, deadline, at);
}

export type Point = { at: Date; value: number | null };

/** Least-squares line through the points (x in days): null with fewer than 3 values or all at one instant. */
export function linearTrend(points: Point[]): { slopePerDay: number; intercept: number; n: number } | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of points) {
    if (p.value === null || !Number.isFinite(p.value)) continue;
    xs.push(p.at.getTime() / DAY);
    ys.push(p.value);
  }
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  if (sxx === 0) return null;
  const slopePerDay = sxy / sxx;
  return { slopePerDay, intercept: my - slopePerDay * mx, n };
}

/** The trend line's value at `at` (the forecast at the deadline when `at` is the goal's end). */
export function forecastAt(points: Point[], at: Date): number | null {
  const t = linearTrend(points);
  return t ? t.intercept + t.slopePerDay * (at.getTime() / DAY) : null;
}

export type StatusInput = {
  direction: Direction;
  baseline: number | null;
  target: number | null;
  /** the KPI over the window ending now (ending at the deadline once it has passed) */
  current: number | null;
  forecast: number | null;
  start: Date;
  deadline: Date;
  now: Date;
};

export type StatusResult = { status: GoalStatus; reason: string; expectedProgress: number; progress: number | null };

/**
 * The status rule (documented in the README and on the goal page):
 * 1. Deadline passed: ACHIEVED when the value at the deadline meets the target, else MISSED.
 * 2. Before the deadline: ACHIEVED when the current value already meets the target.
 * 3. Otherwise compare progress with the straight path (expected progress = share of time elapsed):
 *    ON_TRACK when at most 10 points behind it, or when the forecast at the deadline meets the target;
 *    AT_RISK when 10 to 25 points behind; OFF_TRACK when more than 25 points behind.
 * 4. Progress not measurable (no baseline or no current value): ON_TRACK if the forecast meets the target, else AT_RISK.
 */
export function goalStatus(g: StatusInput): StatusResult {
  const expectedProgress = elapsedFraction(g.start, g.deadline, g.now) * 100;
  const progress = progressPercent(g.baseline, g.target, g.current, g.direction);
  const out = (status: GoalStatus, reason: string): StatusResult => ({ status, reason, expectedProgress, progress });
  if (g.target === null) return out("AT_RISK", "the target cannot be computed (no baseline)");
  const met = g.current !== null && meetsTarget(g.current, g.target, g.direction);
  if (g.now >= goalEnd(g.deadline)) {
    if (met) return out("ACHIEVED", "the value at the deadline met the target");
    return out("MISSED", g.current === null ? "no value at the deadline" : "the value at the deadline did not meet the target");
  }
  if (met) return out("ACHIEVED", "the current value already meets the target");
  const forecastMeets = g.forecast !== null && meetsTarget(g.forecast, g.target, g.direction);
  if (progress === null) {
    return forecastMeets ? out("ON_TRACK", "the forecast at the deadline meets the target") : out("AT_RISK", g.current === null ? "no current value to measure progress" : "no baseline to measure progress from");
  }
  // rounded to 1e-9 so that 40% vs 50% is exactly 10 points behind despite floating point
  const gap = Math.round((expectedProgress - progress) * 1e9) / 1e9;
  if (gap <= ON_TRACK_GAP) return out("ON_TRACK", gap <= 0 ? "at or ahead of the straight path to the target" : `${gap.toFixed(0)} points behind the straight path (within ${ON_TRACK_GAP})`);
  if (forecastMeets) return out("ON_TRACK", "behind the straight path, but the trend reaches the target by the deadline");
  if (gap <= OFF_TRACK_GAP) return out("AT_RISK", `${gap.toFixed(0)} points behind the straight path to the target`);
  return out("OFF_TRACK", `${gap.toFixed(0)} points behind the straight path to the target`);
}

export type SmartLetter = "S" | "M" | "A" | "R" | "T";
export type SmartWarning = { letter: SmartLetter; field: string; message: string };

export type SmartInput = {
  title: string;
  actionPlan: string;
  whyItMatters: string;
  direction: Direction;
  baseline: number | null;
  /** the KPI over the window ending today */
  current: number | null;
  target: Target | null;
  start: Date | null;
  deadline: Date | null;
  now: Date;
  /** the KPI over consecutive windows as long as the goal, oldest first, ending with the baseline's window */
  history: (number | null)[];
};

/** How many times the largest change seen between consecutive windows a planned change may be before it looks unrealistic. */
export const UNREALISTIC_FACTOR = 3;

/** What keeps a goal from being SMART. Warnings, not errors: the manager may still save it. */
export function smartWarnings(g: SmartInput): SmartWarning[] {
  const w: SmartWarning[] = [];
  if (g.title.trim().length < 5) w.push({ letter: "S", field: "title", message: "Give the goal a specific title (what, for whom)." });
  if (g.actionPlan.trim().length < 10) w.push({ letter: "S", field: "actionPlan", message: "Describe the specific actions that will move the KPI." });
  if (g.baseline === null) w.push({ letter: "M", field: "baselineValue", message: "No data at the start date: there is no baseline to measure progress from. Enter one with a reason, or check the filters." });
  if (g.target && g.target.value === null) w.push({ letter: "M", field: "targetValue", message: `The target cannot be computed: ${g.target.reason}.` });
  const target = g.target?.value ?? null;
  if (target !== null && g.baseline !== null) {
    if (target === g.baseline) w.push({ letter: "A", field: "targetValue", message: "The target equals the baseline: it is already met." });
    else if (meetsTarget(g.baseline, target, g.direction)) {
      w.push({ letter: "A", field: "targetValue", message: `The target is in the wrong direction: this KPI is better when ${g.direction}, so the target should be ${g.direction} than the baseline (${round(g.baseline)}).` });
    } else if (g.current !== null && meetsTarget(g.current, target, g.direction)) {
      w.push({ letter: "A", field: "targetValue", message: `The target is already met: today's value (${round(g.current)}) reaches it.` });
    }
    const steps = consecutiveChanges(g.history);
    const largest = steps.length ? Math.max(...steps) : 0;
    const planned = Math.abs(target - g.baseline);
    if (steps.length >= 2 && largest > 0 && planned > UNREALISTIC_FACTOR * largest) {
      w.push({ letter: "A", field: "targetValue", message: `The planned change (${round(planned)}) is more than ${UNREALISTIC_FACTOR}× the largest change between consecutive periods in the KPI's history (${round(largest)}): it may be unrealistic.` });
    }
  }
  if (g.whyItMatters.trim().length < 10) w.push({ letter: "R", field: "whyItMatters", message: "Say why this goal matters to the business." });
  if (!g.deadline) w.push({ letter: "T", field: "deadline", message: "A goal needs a deadline." });
  else if (g.start && g.deadline < g.start) w.push({ letter: "T", field: "deadline", message: "The deadline is before the start date." });
  else if (goalEnd(g.deadline) <= g.now) w.push({ letter: "T", field: "deadline", message: "The deadline has already passed." });
  if (!g.start) w.push({ letter: "T", field: "startDate", message: "A goal needs a start date." });
  return w;
}

function consecutiveChanges(history: (number | null)[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < history.length; i++) {
    const a = history[i - 1];
    const b = history[i];
    if (a != null && b != null) out.push(Math.abs(b - a));
  }
  return out;
}

const round = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2).replace(/\.?0+$/, ""));
