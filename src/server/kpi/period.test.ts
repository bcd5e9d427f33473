import { describe, expect, it } from "vitest";
import { resolvePeriod, seriesBuckets, utc, defaultGrain, bucketLabel } from "./period";

const now = new Date("2026-11-26T15:30:00Z");
const iso = (d: Date) => d.toISOString().slice(0, 10);

describe("periods", () => {
  it("this month vs the previous calendar month", () => {
    const p = resolvePeriod({ preset: "this_month" }, { now });
    expect([iso(p.current.start), iso(p.current.end)]).toEqual(["2026-11-01", "2026-12-01"]);
    expect([iso(p.previous.start), iso(p.previous.end)]).toEqual(["2026-10-01", "2026-11-01"]);
    expect(p.grain).toBe("week");
  });
  it("this quarter, last quarter, this year, last 12 months", () => {
    expect(iso(resolvePeriod({ preset: "this_quarter" }, { now }).current.start)).toBe("2026-10-01");
    expect(iso(resolvePeriod({ preset: "last_quarter" }, { now }).previous.start)).toBe("2026-04-01");
    const y = resolvePeriod({ preset: "this_year" }, { now });
    expect([iso(y.current.start), iso(y.previous.start), y.grain, y.series.length]).toEqual(["2026-01-01", "2025-01-01", "month", 12]);
    const l = resolvePeriod({ preset: "last_12_months" }, { now });
    expect([iso(l.current.start), iso(l.current.end), l.series.length]).toEqual(["2025-12-01", "2026-12-01", 12]);
  });
  it("a custom range compares with the same number of days just before", () => {
    const p = resolvePeriod({ start: utc(2026, 2, 10), end: utc(2026, 2, 20) }, { now });
    expect([iso(p.previous.start), iso(p.previous.end)]).toEqual(["2026-02-28", "2026-03-10"]);
  });
  it("series buckets are clipped to the period and cover it exactly", () => {
    const b = seriesBuckets({ start: utc(2026, 0, 15), end: utc(2026, 2, 10) }, "month");
    expect(b.map((r) => [iso(r.start), iso(r.end)])).toEqual([["2026-01-15", "2026-02-01"], ["2026-02-01", "2026-03-01"], ["2026-03-01", "2026-03-10"]]);
    const w = seriesBuckets({ start: utc(2026, 10, 1), end: utc(2026, 11, 1) }, "week"); // Nov 1 2026 is a Sunday
    expect(iso(w[0]!.start)).toBe("2026-11-01");
    expect(iso(w[1]!.start)).toBe("2026-11-02"); // Monday
  });
  it("rejects bad ranges with the field named", () => {
    expect(() => resolvePeriod({ start: utc(2026, 1, 1), end: utc(2026, 0, 1) })).toThrow("end: must be after start.");
    expect(() => resolvePeriod({ start: new Date("x"), end: utc(2026, 0, 1) })).toThrow("start: not a valid date.");
    expect(() => resolvePeriod({ start: utc(1900, 0, 1), end: utc(2026, 0, 1) })).toThrow(/between 1990 and 2200/);
    expect(() => resolvePeriod({ start: utc(1990, 0, 1), end: utc(2199, 0, 1) }, { grain: "week" })).toThrow(/more than 400 points/);
  });
  it("default grain and labels", () => {
    expect(defaultGrain({ start: utc(2020, 0, 1), end: utc(2026, 0, 1) })).toBe("quarter");
    expect(bucketLabel({ start: utc(2026, 3, 1), end: utc(2026, 6, 1) }, "quarter")).toBe("Q2 2026");
    expect(bucketLabel({ start: utc(2026, 3, 1), end: utc(2026, 4, 1) }, "month")).toBe("Apr 2026");
  });
});

describe("rates over a period that is still running", () => {
  it("divide by the days elapsed, and a future bucket has none", async () => {
    const { bucketsSql } = await import("./engine");
    const sql = bucketsSql([{ start: utc(2026, 10, 1), end: utc(2026, 11, 1) }, { start: utc(2026, 11, 1), end: utc(2027, 0, 1) }], new Date("2026-11-26T12:00:00Z"));
    expect(sql).toContain("26::float8"); // Nov 1 00:00 -> end of Nov 26 (today counts)
    expect(sql).toContain(", 0::float8)"); // December has not started
  });
});
