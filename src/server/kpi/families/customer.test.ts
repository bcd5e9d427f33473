import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../../test/db";
import { computeKpi, drillDown } from "../engine";
import { getKpi } from "../catalog";
import { resolvePeriod, utc } from "../period";

// Fixture: one organization, accounts with known start/churn dates; period = Q1 2026 [Jan 1, Apr 1).
let t: TestDb;
let org: string;
let other: string;
const Q1 = resolvePeriod({ start: utc(2026, 0, 1), end: utc(2026, 3, 1) }, { grain: "month" });

async function account(orgId: string, name: string, start: Date | null, churn: Date | null, segment = "SMB") {
  return t.db.account.create({ data: { organizationId: orgId, name, segment, startDate: start, churnDate: churn, status: churn ? "CHURNED" : start ? "ACTIVE" : "PROSPECT" }, select: { id: true } });
}
const kpi = (id: string) => getKpi(id)!;

beforeAll(async () => {
  t = await createTestDb();
  org = (await t.db.organization.create({ data: { name: "Fixture", slug: "fixture" } })).id;
  other = (await t.db.organization.create({ data: { name: "Other", slug: "other" } })).id;
  // at start of Q1 (Jan 1): A, B, C, D, E = 5 customers
  await account(org, "A", utc(2025, 0, 10), null);
  await account(org, "B", utc(2025, 3, 1), null, "Enterprise");
  await account(org, "C", utc(2025, 5, 1), utc(2026, 1, 15)); // lost in Q1 (February)
  await account(org, "D", utc(2024, 0, 1), utc(2026, 2, 31)); // lost in Q1 (March 31)
  await account(org, "E", utc(2025, 11, 31), null);
  await account(org, "F", utc(2026, 0, 20), null); // new in Q1, kept
  await account(org, "G", utc(2026, 1, 1), utc(2026, 2, 1)); // new and lost inside Q1: neither new nor lost
  await account(org, "H", utc(2024, 5, 1), utc(2025, 5, 1)); // lost before Q1
  await account(org, "P", null, null); // prospect, never a customer
  await account(org, "Soft-deleted", utc(2025, 0, 1), null).then((a) => t.db.account.update({ where: { id: a.id }, data: { deletedAt: new Date() } }));
  // another organization's customers must never count
  await account(other, "X", utc(2025, 0, 1), null);
  await account(other, "Y", utc(2025, 0, 1), utc(2026, 1, 1));
});
afterAll(async () => t?.close());

describe("customer KPIs (hand-computed, Q1 2026)", () => {
  it("churn = lost / at start × 100 = 2 / 5 × 100 = 40%", async () => {
    const r = await computeKpi(t.db, org, kpi("churn_rate"), Q1);
    expect(r.current.value).toBeCloseTo(40, 10);
    // series: Jan 0/5 = 0%; Feb: at start Feb 1 = A,B,C,D,E,F = 6, lost C = 1/6; Mar: at start Mar 1 = A,B,D,E,F,G = 6, lost D (Mar 31) and G (Mar 1; started Feb 1 < Mar 1) = 2/6
    expect(r.series.map((p) => p.value)).toEqual([0, (1 / 6) * 100, (2 / 6) * 100].map((v) => expect.closeTo(v, 10)));
  });

  it("retention = (end − new kept) / start × 100 = (4 − 1) / 5 × 100 = 60%, and retention + churn = 100", async () => {
    // at end (Apr 1): A, B, E, F = 4; new kept = F = 1 (G was acquired and lost in Q1)
    const r = await computeKpi(t.db, org, kpi("customer_retention_rate"), Q1);
    expect(r.current.value).toBeCloseTo(60, 10);
  });

  it("previous period is Q4 2025 when the period is a custom 90-day range: same length before", async () => {
    const r = await computeKpi(t.db, org, kpi("churn_rate"), Q1);
    // previous = [Oct 3 2025, Jan 1 2026) (90 days): at start Oct 3 = A, B, C, D = 4 (E starts Dec 31), lost none -> 0%
    expect(Q1.previous.start.toISOString().slice(0, 10)).toBe("2025-10-03");
    expect(r.previous.value).toBe(0);
    expect(r.change).toBeCloseTo(40, 10);
    expect(r.improved).toBe(false); // churn went up: bad
  });

  it("customers at end and new customers", async () => {
    expect((await computeKpi(t.db, org, kpi("active_customers"), Q1)).current.value).toBe(4);
    expect((await computeKpi(t.db, org, kpi("new_customers"), Q1)).current.value).toBe(2); // F and G
  });

  it("filters by segment: Enterprise has B only -> churn 0 / 1 = 0%", async () => {
    const r = await computeKpi(t.db, org, kpi("churn_rate"), Q1, { segment: "Enterprise" });
    expect(r.current.value).toBe(0);
  });

  it("an empty period gives null with a reason, never NaN", async () => {
    const empty = resolvePeriod({ start: utc(2010, 0, 1), end: utc(2010, 3, 1) });
    const r = await computeKpi(t.db, org, kpi("churn_rate"), empty);
    expect(r.current).toEqual({ value: null, reason: "no customers at start of period" });
    expect(r.change).toBeNull();
  });

  it("drill-down lists the churned customers of the period, paginated", async () => {
    const d = await drillDown(t.db, org, kpi("churn_rate"), Q1.current, {}, { offset: 0, limit: 1 });
    expect(d.total).toBe(2);
    expect(d.rows.map((r) => r.name)).toEqual(["D"]); // newest churn first
    const d2 = await drillDown(t.db, org, kpi("churn_rate"), Q1.current, {}, { offset: 1, limit: 1 });
    expect(d2.rows.map((r) => r.name)).toEqual(["C"]);
  });

  it("refuses a filter the KPI does not understand", async () => {
    await expect(computeKpi(t.db, org, kpi("churn_rate"), Q1, { channel: "EMAIL" })).rejects.toThrow(/filters.channel: does not apply/);
    await expect(computeKpi(t.db, org, kpi("churn_rate"), Q1, { ownerId: "x'; drop table" })).rejects.toThrow(/filters.ownerId: must be an id/);
  });
});

describe("purchase-based customer KPIs", () => {
  it("margin per customer and CLV", async () => {
    const [a, b] = await Promise.all([
      t.db.account.findFirstOrThrow({ where: { organizationId: org, name: "A" } }),
      t.db.account.findFirstOrThrow({ where: { organizationId: org, name: "B" } }),
    ]);
    // Q1: A buys 100 (cost 40) and 300 (cost 100); B buys 200 (cost 60)
    await t.db.purchase.createMany({
      data: [
        { organizationId: org, accountId: a.id, purchasedAt: utc(2026, 0, 5), amount: 100, cost: 40 },
        { organizationId: org, accountId: a.id, purchasedAt: utc(2026, 1, 5), amount: 300, cost: 100 },
        { organizationId: org, accountId: b.id, purchasedAt: utc(2026, 2, 5), amount: 200, cost: 60 },
        // at Q1's end instant: after the period (its end is exclusive), in no bucket
        { organizationId: org, accountId: b.id, purchasedAt: utc(2026, 3, 1), amount: 1000, cost: 0 },
      ],
    });
    // margin = (60 + 200 + 140) / 2 buyers = 200; by month: Jan 60 / 1 (A), Feb 200 / 1 (A), Mar 140 / 1 (B);
    // Q4 2025 (previous): no purchases
    const margin = await computeKpi(t.db, org, kpi("profit_margin_per_customer"), Q1);
    expect(margin.current.value).toBeCloseTo(200, 10);
    expect([margin.previous.value, ...margin.series.map((x) => x.value)]).toEqual([null, 60, 200, 140]);
    // APV = 600 / 3 = 200; frequency = 3 purchases / 2 buyers × 365.25 / 90 days = 6.0875 per year;
    // lifespan = customers lost before Apr 1: C (2025-06-01 -> 2026-02-15 = 259 d), D (2024-01-01 -> 2026-03-31 = 820 d),
    // G (2026-02-01 -> 2026-03-01 = 28 d), H (2024-06-01 -> 2025-06-01 = 365 d): mean 368 days = 368/365.25 years
    const expected = 200 * ((3 / 2) * (365.25 / 90)) * (368 / 365.25);
    expect((await computeKpi(t.db, org, kpi("customer_lifetime_value"), Q1)).current.value).toBeCloseTo(expected, 6);
  });
});

describe("renewal rate and retention cost", () => {
  it("renewal rate = renewal deals won / renewal deals closed × 100; retention cost = retention costs / customers at start", async () => {
    const stage = await t.db.pipelineStage.create({ data: { organizationId: org, name: "Closed", position: 1, kind: "WON" } });
    const deal = (type: "RENEWAL" | "NEW", status: "WON" | "LOST" | "OPEN", closedAt: Date | null) =>
      t.db.deal.create({ data: { organizationId: org, name: "r", stageId: stage.id, amount: 100, type, status, closedAt } });
    // Q1: renewals won 3 (one in each month), lost 1 (Feb); a NEW deal won and an open renewal do not count; one won renewal in Q4 2025
    await deal("RENEWAL", "WON", utc(2026, 0, 10));
    await deal("RENEWAL", "WON", utc(2026, 1, 10));
    await deal("RENEWAL", "WON", utc(2026, 2, 10));
    await deal("RENEWAL", "LOST", utc(2026, 1, 20));
    await deal("NEW", "WON", utc(2026, 1, 1));
    await deal("RENEWAL", "OPEN", null);
    await deal("RENEWAL", "WON", utc(2025, 11, 1));
    // 3 / 4 × 100 = 75%; Feb alone: 1 won / 2 closed = 50%
    const r = await computeKpi(t.db, org, kpi("renewal_rate"), Q1);
    expect(r.current.value).toBeCloseTo(75, 10);
    expect(r.series.map((p) => p.value)).toEqual([100, 50, 100]);

    // retention costs: 500 (Jan) + 250 (Mar) in Q1, a marketing cost and a Q4 retention cost do not count;
    // customers at start = 5 (see the fixture) -> 750 / 5 = 150 per customer
    const cost = (category: string, kind: "SALES" | "MARKETING", start: Date, amount: number) =>
      t.db.cost.create({ data: { organizationId: org, kind, category, amount, periodStart: start, periodEnd: start } });
    await cost("Retention", "SALES", utc(2026, 0, 1), 500);
    await cost("retention", "SALES", utc(2026, 2, 1), 250);
    await cost("Advertising", "MARKETING", utc(2026, 0, 1), 9999);
    await cost("Retention", "SALES", utc(2025, 11, 1), 1000);
    expect((await computeKpi(t.db, org, kpi("customer_retention_cost"), Q1)).current.value).toBeCloseTo(150, 10);
  });
});
