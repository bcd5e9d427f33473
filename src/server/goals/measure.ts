// Measuring a goal through the KPI engine: the windows a goal is measured over (pure) and one engine
// statement that computes the KPI for all of them (no KPI SQL here: the engine's components and formula).
import type { PrismaClient } from "@/generated/prisma/client";
import { cachedQueryComponents } from "@/server/kpi/engine";
import { endOfDay, type Range } from "@/server/kpi/period";
import type { KpiDefinition, KpiFilters, KpiValue } from "@/server/kpi/types";
import { goalEnd } from "./progress";

const DAY = 86_400_000;
/** Windows of history before the start (the baseline's window is the last one): for the "unrealistic change" check. */
export const HISTORY_WINDOWS = 6;
/** Points of the trend the forecast is fitted to: one a sixth of the goal apart, covering one goal length back from now. */
export const SAMPLE_POINTS = 7;

export type GoalWindows = {
  /** the length of every window: the goal's own length (start .. end of the deadline day) */
  lengthDays: number;
  /** consecutive windows before the start, oldest first; the last one is the baseline's */
  history: Range[];
  baseline: Range;
  /** true when the start date is still ahead: the baseline is measured up to today until then */
  baselineProvisional: boolean;
  /** the window ending now (ending at the deadline once it has passed) */
  current: Range;
  /** windows ending at evenly spaced dates up to now (or the deadline), newest first: the trend's points */
  samples: Range[];
};

const shift = (d: Date, ms: number) => new Date(d.getTime() + ms);

/** The windows of a goal, all as long as the goal and ending on UTC day boundaries. */
export function goalWindows(start: Date, deadline: Date, now: Date): GoalWindows {
  const end = goalEnd(deadline);
  const length = Math.max(DAY, end.getTime() - start.getTime());
  const today = endOfDay(now);
  const baselineProvisional = start > today;
  const baselineEnd = baselineProvisional ? today : start;
  const history: Range[] = [];
  for (let k = HISTORY_WINDOWS - 1; k >= 0; k--) history.push({ start: shift(baselineEnd, -(k + 1) * length), end: shift(baselineEnd, -k * length) });
  const anchor = today < end ? today : end;
  // a step of a sixth of the goal (at least a day): the 7 points cover the last goal length
  const step = Math.max(1, Math.round(length / DAY / 6)) * DAY;
  const samples: Range[] = [];
  for (let k = 0; k < SAMPLE_POINTS; k++) {
    const e = shift(anchor, -k * step);
    samples.push({ start: shift(e, -length), end: e });
  }
  return { lengthDays: length / DAY, history, baseline: history[HISTORY_WINDOWS - 1]!, baselineProvisional, current: { start: shift(anchor, -length), end: anchor }, samples };
}

export type GoalMeasurement = {
  history: (number | null)[];
  baseline: KpiValue;
  current: KpiValue;
  samples: { at: Date; value: number | null }[];
};

/** A KPI value as the engine reports it: a non-finite number is no value. */
function clean(v: KpiValue): KpiValue {
  if (v.value === null || !Number.isFinite(v.value)) return { value: null, reason: v.reason ?? "no data" };
  return { value: v.value };
}

/** The KPI over every window of the goal: ONE statement through the engine. */
export async function measureGoal(db: Pick<PrismaClient, "$queryRawUnsafe">, organizationId: string, kpi: KpiDefinition, filters: KpiFilters, w: GoalWindows, now: Date): Promise<GoalMeasurement> {
  const ranges = [...w.history, w.current, ...w.samples];
  const comps = await cachedQueryComponents(db, organizationId, kpi, ranges, filters, now);
  const values = comps.map((c) => clean(kpi.value(c)));
  const history = values.slice(0, HISTORY_WINDOWS);
  return {
    history: history.map((v) => v.value),
    baseline: history[HISTORY_WINDOWS - 1]!,
    current: values[HISTORY_WINDOWS]!,
    samples: w.samples.map((r, i) => ({ at: r.end, value: values[HISTORY_WINDOWS + 1 + i]!.value })),
  };
}

/** The KPI over one window (a team member's contribution). */
export async function measureWindow(db: Pick<PrismaClient, "$queryRawUnsafe">, organizationId: string, kpi: KpiDefinition, filters: KpiFilters, window: Range, now: Date): Promise<number | null> {
  const [c] = await cachedQueryComponents(db, organizationId, kpi, [window], filters, now);
  return clean(kpi.value(c ?? {})).value;
}
