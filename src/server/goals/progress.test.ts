import { describe, expect, it } from "vitest";
import {
  elapsedFraction,
  forecastAt,
  goalEnd,
  goalStatus,
  linearTrend,
  meetsTarget,
  pathValue,
  progressPercent,
  resolveTarget,
  smartWarnings,
  type SmartInput,
  type StatusInput,
} from "./progress";
import { goalWindows } from "./measure";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
// a goal over the 100 days Jan 1 .. Apr 10, 2026 (deadline day included: it ends Apr 11 00:00)
const START = d("2026-01-01");
const DEADLINE = d("2026-04-10");

describe("targets", () => {
  it("takes an absolute target as it is", () => {
    expect(resolveTarget("ABSOLUTE", 60, 120)).toEqual({ value: 60 });
    expect(resolveTarget("ABSOLUTE", 80, null)).toEqual({ value: 80 });
  });
  it("turns a relative change into a value: reduce churn 4% by 25% -> 3%", () => {
    expect(resolveTarget("RELATIVE", -25, 4).value).toBeCloseTo(3, 10);
    expect(resolveTarget("RELATIVE", 10, 200).value).toBeCloseTo(220, 10);
  });
  it("refuses a relative target without a baseline or from a zero baseline", () => {
    expect(resolveTarget("RELATIVE", -25, null)).toMatchObject({ value: null, reason: expect.stringContaining("baseline") });
    expect(resolveTarget("RELATIVE", 50, 0)).toMatchObject({ value: null, reason: expect.stringContaining("zero baseline") });
  });
  it("meets a target by direction", () => {
    expect(meetsTarget(61, 60, "lower")).toBe(false);
    expect(meetsTarget(60, 60, "lower")).toBe(true);
    expect(meetsTarget(59, 60, "higher")).toBe(false);
    expect(meetsTarget(60, 60, "higher")).toBe(true);
  });
});

describe("progress from baseline to target", () => {
  it("higher is better: revenue 100 -> 200, now 150 = 50%", () => {
    expect(progressPercent(100, 200, 150, "higher")).toBe(50);
    expect(progressPercent(100, 200, 80, "higher")).toBe(-20);
    expect(progressPercent(100, 200, 230, "higher")).toBe(130);
  });
  it("lower is better: sales cycle 120 -> 60 days, now 105 = 25%; CAC 115 -> 80, now 108 = 20%", () => {
    expect(progressPercent(120, 60, 105, "lower")).toBe(25);
    expect(progressPercent(115, 80, 108, "lower")).toBe(20);
    // worse than the baseline: negative
    expect(progressPercent(120, 60, 132, "lower")).toBe(-20);
  });
  it("baseline zero: leads 0 -> 40, now 10 = 25%", () => {
    expect(progressPercent(0, 40, 10, "higher")).toBe(25);
  });
  it("is unknown without a baseline or a current value", () => {
    expect(progressPercent(null, 40, 10, "higher")).toBeNull();
    expect(progressPercent(10, 40, null, "higher")).toBeNull();
  });
  it("a target equal to the baseline is 100% when held, 0% when lost", () => {
    expect(progressPercent(5, 5, 4, "lower")).toBe(100);
    expect(progressPercent(5, 5, 6, "lower")).toBe(0);
  });
});

describe("today's target on the straight path", () => {
  it("counts the deadline day in the goal", () => {
    expect(goalEnd(DEADLINE).toISOString()).toBe("2026-04-11T00:00:00.000Z");
  });
  it("is the baseline at the start, the target at the end, linear between", () => {
    expect(elapsedFraction(START, DEADLINE, d("2026-01-26"))).toBe(0.25); // 25 of 100 days
    expect(pathValue(120, 60, START, DEADLINE, START)).toBe(120);
    expect(pathValue(120, 60, START, DEADLINE, d("2026-01-26"))).toBe(105);
    expect(pathValue(120, 60, START, DEADLINE, d("2026-03-01"))).toBeCloseTo(120 - 60 * 0.59, 10); // day 59
    expect(pathValue(120, 60, START, DEADLINE, d("2026-12-31"))).toBe(60);
    expect(pathValue(120, 60, START, DEADLINE, d("2025-12-01"))).toBe(120);
    expect(pathValue(null, 60, START, DEADLINE, START)).toBeNull();
  });
});

describe("forecast by least squares", () => {
  it("fits a line through exact points and extrapolates it", () => {
    // value = 100 - 0.5 per day from Jan 1: at day 100 -> 50
    const pts = [0, 10, 20, 30].map((k) => ({ at: new Date(START.getTime() + k * 86_400_000), value: 100 - 0.5 * k }));
    expect(linearTrend(pts)?.slopePerDay).toBeCloseTo(-0.5, 10);
    expect(forecastAt(pts, goalEnd(DEADLINE))).toBeCloseTo(50, 8);
  });
  it("matches a hand-computed regression on noisy points", () => {
    // x (days) 0,1,2,3 ; y 2,3,5,6 -> slope = 1.4, intercept = 1.9 ; at x = 5 -> 8.9
    const pts = [2, 3, 5, 6].map((v, k) => ({ at: new Date(START.getTime() + k * 86_400_000), value: v }));
    expect(forecastAt(pts, new Date(START.getTime() + 5 * 86_400_000))).toBeCloseTo(8.9, 10);
  });
  it("skips missing values and needs three of them", () => {
    const pts = [{ at: START, value: 1 }, { at: d("2026-01-02"), value: null }, { at: d("2026-01-03"), value: 3 }];
    expect(forecastAt(pts, DEADLINE)).toBeNull();
  });
});

const base = (over: Partial<StatusInput>): StatusInput => ({ direction: "higher", baseline: 100, target: 200, current: 100, forecast: null, start: START, deadline: DEADLINE, now: d("2026-02-20"), ...over });

describe("status rule", () => {
  // Feb 20 is day 50 of 100: expected progress 50%
  it("on track within 10 points of the path (higher is better)", () => {
    expect(goalStatus(base({ current: 141 })).status).toBe("ON_TRACK"); // 41% vs 50% expected
    expect(goalStatus(base({ current: 160 })).status).toBe("ON_TRACK"); // ahead
  });
  it("at risk 10 to 25 points behind, off track beyond", () => {
    expect(goalStatus(base({ current: 130 })).status).toBe("AT_RISK"); // 30%: 20 behind
    expect(goalStatus(base({ current: 124 })).status).toBe("OFF_TRACK"); // 24%: 26 behind
  });
  it("a forecast that reaches the target keeps a late goal on track", () => {
    expect(goalStatus(base({ current: 124, forecast: 205 })).status).toBe("ON_TRACK");
    expect(goalStatus(base({ current: 124, forecast: 190 })).status).toBe("OFF_TRACK");
  });
  it("lower is better: sales cycle 120 -> 60", () => {
    const g = (current: number) => goalStatus(base({ direction: "lower", baseline: 120, target: 60, current })).status;
    expect(g(95)).toBe("ON_TRACK"); // 41.7% vs 50%
    expect(g(105)).toBe("AT_RISK"); // 25%
    expect(g(110)).toBe("OFF_TRACK"); // 16.7%
    expect(g(125)).toBe("OFF_TRACK"); // worse than baseline
    expect(g(58)).toBe("ACHIEVED");
  });
  it("relative target: reduce churn 4% by 25% (target 3%)", () => {
    const target = resolveTarget("RELATIVE", -25, 4).value;
    expect(goalStatus(base({ direction: "lower", baseline: 4, target, current: 3.55 })).status).toBe("ON_TRACK"); // 45%
    expect(goalStatus(base({ direction: "lower", baseline: 4, target, current: 3.0 })).status).toBe("ACHIEVED");
  });
  it("after the deadline: achieved or missed by the value at the deadline", () => {
    const after = d("2026-04-11");
    expect(goalStatus(base({ now: after, current: 200 })).status).toBe("ACHIEVED");
    expect(goalStatus(base({ now: after, current: 199, forecast: 500 })).status).toBe("MISSED");
    expect(goalStatus(base({ now: after, current: null })).status).toBe("MISSED");
    // the deadline day itself still counts as before the deadline
    expect(goalStatus(base({ now: new Date("2026-04-10T23:00:00Z"), current: 199 })).status).toBe("ON_TRACK");
  });
  it("no data at the start: progress is unknown; the forecast decides between on track and at risk", () => {
    expect(goalStatus(base({ baseline: null, target: 50, current: 30 }))).toMatchObject({ status: "AT_RISK", progress: null });
    expect(goalStatus(base({ baseline: null, target: 50, current: 30, forecast: 60 })).status).toBe("ON_TRACK");
    expect(goalStatus(base({ baseline: 10, target: null, current: 30 })).status).toBe("AT_RISK");
  });
  it("baseline zero: 0 -> 40 leads at half time: 10 at risk, 9 off track", () => {
    expect(goalStatus(base({ baseline: 0, target: 40, current: 10 })).status).toBe("AT_RISK"); // 25% vs 50%: 25 behind
    expect(goalStatus(base({ baseline: 0, target: 40, current: 9 })).status).toBe("OFF_TRACK"); // 22.5%: 27.5 behind
  });
});

const smart = (over: Partial<SmartInput>): SmartInput => ({
  title: "Cut the sales cycle", actionPlan: "Qualify leads earlier and book demos in the first call", whyItMatters: "Shorter cycles free the team for more deals",
  direction: "lower", baseline: 120, current: 118, target: { value: 60 }, start: START, deadline: DEADLINE, now: d("2026-01-05"), history: [118, 125, 119, 122, 121, 120], ...over,
});
const letters = (i: SmartInput) => smartWarnings(i).map((w) => `${w.letter}:${w.field}`);

describe("SMART warnings", () => {
  it("a SMART goal has none", () => {
    expect(smartWarnings(smart({ history: [118, 80, 119, 60, 121, 120] }))).toEqual([]);
  });
  it("warns when the target is in the wrong direction or already met", () => {
    expect(letters(smart({ target: { value: 130 } }))).toContain("A:targetValue");
    expect(smartWarnings(smart({ target: { value: 130 } }))[0]!.message).toMatch(/wrong direction/);
    expect(smartWarnings(smart({ target: { value: 120 } }))[0]!.message).toMatch(/equals the baseline/);
    expect(smartWarnings(smart({ current: 55 }))[0]!.message).toMatch(/already met/);
  });
  it("warns about a change far larger than the KPI's history", () => {
    // history steps at most 7 days; planned change 60 > 3 x 7
    expect(smartWarnings(smart({})).map((w) => w.message).join()).toMatch(/unrealistic/);
    expect(smartWarnings(smart({ target: { value: 100 }, history: [118, 125, 119, 122, 121, 120] })).map((w) => w.message).join()).not.toMatch(/unrealistic/);
  });
  it("warns about no deadline, a past deadline, no baseline, missing text", () => {
    expect(letters(smart({ deadline: null }))).toContain("T:deadline");
    expect(letters(smart({ now: d("2026-05-01") }))).toContain("T:deadline");
    expect(letters(smart({ baseline: null }))).toContain("M:baselineValue");
    expect(letters(smart({ actionPlan: "", whyItMatters: " " }))).toEqual(expect.arrayContaining(["S:actionPlan", "R:whyItMatters"]));
  });
});

describe("measurement windows", () => {
  it("are as long as the goal: baseline before the start, current up to today", () => {
    const w = goalWindows(START, DEADLINE, new Date("2026-02-20T15:00:00Z"));
    expect(w.lengthDays).toBe(100);
    expect(w.baseline).toEqual({ start: d("2025-09-23"), end: START });
    expect(w.history[0]).toEqual({ start: new Date(START.getTime() - 600 * 86_400_000), end: new Date(START.getTime() - 500 * 86_400_000) });
    expect(w.current).toEqual({ start: d("2025-11-13"), end: d("2026-02-21") });
    expect(w.samples[1]!.end).toEqual(d("2026-02-04")); // a step of 17 days (100 / 6, rounded)
    expect(w.baselineProvisional).toBe(false);
  });
  it("stop at the deadline once it has passed; a future start measures the baseline up to today", () => {
    expect(goalWindows(START, DEADLINE, d("2026-09-01")).current).toEqual({ start: START, end: d("2026-04-11") });
    const future = goalWindows(d("2026-07-01"), d("2026-09-30"), new Date("2026-05-10T08:00:00Z"));
    expect(future.baselineProvisional).toBe(true);
    expect(future.baseline.end).toEqual(d("2026-05-11"));
  });
});
