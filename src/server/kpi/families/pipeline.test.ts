import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../../test/db";
import { pipelineByStage } from "./pipeline";
import { utc } from "../period";

let t: TestDb;
let org: string;
const stages: Record<string, string> = {};
const now = utc(2026, 5, 30);

beforeAll(async () => {
  t = await createTestDb();
  org = (await t.db.organization.create({ data: { name: "P", slug: "p" } })).id;
  const other = (await t.db.organization.create({ data: { name: "O", slug: "o" } })).id;
  for (const [i, [name, kind, p]] of ([["Qualification", "OPEN", 20], ["Needs Analysis", "OPEN", 40], ["Proposal", "OPEN", 60], ["Won", "WON", 100]] as const).entries()) {
    stages[name] = (await t.db.pipelineStage.create({ data: { organizationId: org, name, position: i + 1, kind, probability: p } })).id;
  }
  const otherStage = (await t.db.pipelineStage.create({ data: { organizationId: other, name: "Qualification", position: 1 } })).id;
  const deal = (stage: string, amount: number, openedAt: Date, status: "OPEN" | "WON" = "OPEN") =>
    t.db.deal.create({ data: { organizationId: org, name: "d", stageId: stages[stage]!, amount, openedAt, status } });
  // Needs Analysis: 2 deals (100 + 300); one entered the stage on Jun 20 (10 days), the other has no stage change: opened Jun 10 (20 days)
  const d1 = await deal("Needs Analysis", 100, utc(2026, 5, 1));
  await t.db.dealStageChange.create({ data: { organizationId: org, dealId: d1.id, fromStageId: stages.Qualification!, toStageId: stages["Needs Analysis"]!, changedAt: utc(2026, 5, 20) } });
  await deal("Needs Analysis", 300, utc(2026, 5, 10));
  // Qualification: 1 deal of 50 opened Jun 25 (5 days); Proposal: none; a won deal does not count
  await deal("Qualification", 50, utc(2026, 5, 25));
  await deal("Won", 999, utc(2026, 0, 1), "WON");
  await t.db.deal.create({ data: { organizationId: other, name: "x", stageId: otherStage, amount: 5000 } });
});
afterAll(async () => t?.close());

describe("pipeline by stage", () => {
  it("counts, values, shares and days in stage per open stage", async () => {
    const rows = await pipelineByStage(t.db, org, now);
    expect(rows.map((r) => [r.name, r.deals, r.value, r.share === null ? null : Number(r.share.toFixed(4)), r.avgDaysInStage])).toEqual([
      ["Qualification", 1, 50, 33.3333, 5], // 1 of 3 open deals
      ["Needs Analysis", 2, 400, 66.6667, 15], // (10 + 20) / 2
      ["Proposal", 0, 0, 0, null],
    ]);
    expect(rows[1]!.weightedValue).toBe(160); // 400 × 40%
  });
  it("a day later every stage's deals have sat one day longer (the age is computed from when they entered)", async () => {
    const later = await pipelineByStage(t.db, org, new Date(now.getTime() + 86_400_000));
    expect(later.map((r) => r.avgDaysInStage)).toEqual([6, 16, null]);
  });
  it("an empty pipeline has no shares", async () => {
    const rows = await pipelineByStage(t.db, org, now, { ownerId: "00000000-0000-4000-8000-000000000000" });
    expect(rows.every((r) => r.deals === 0 && r.share === null)).toBe(true);
  });
});

describe("new revenue within N months of close", () => {
  it("counts purchases linked to deals won in the period, within the window after the close", async () => {
    const { getKpi } = await import("../catalog");
    const { computeKpi } = await import("../engine");
    const { resolvePeriod } = await import("../period");
    const acc = await t.db.account.create({ data: { organizationId: org, name: "Buyer" } });
    const won = await t.db.deal.create({ data: { organizationId: org, name: "w", stageId: stages.Won!, amount: 1, status: "WON", openedAt: utc(2026, 0, 1), closedAt: utc(2026, 1, 10) } });
    const p = (at: Date, amount: number) => t.db.purchase.create({ data: { organizationId: org, accountId: acc.id, dealId: won.id, purchasedAt: at, amount } });
    await p(utc(2026, 1, 10), 100); // at close: in both windows
    await p(utc(2026, 7, 9), 40); // 5 months 30 days after: in the 6-month window
    await p(utc(2026, 7, 11), 7); // just over 6 months: only the 12-month window
    await p(utc(2027, 1, 10), 1000); // exactly 12 months: outside both (window end is exclusive)
    const q1 = resolvePeriod({ start: utc(2026, 0, 1), end: utc(2026, 3, 1) });
    // 6 months: 100 + 40 = 140; 12 months: 100 + 40 + 7 = 147
    expect((await computeKpi(t.db, org, getKpi("new_revenue_6m")!, q1)).current.value).toBe(140);
    expect((await computeKpi(t.db, org, getKpi("new_revenue_12m")!, q1)).current.value).toBe(147);
    // by month, and a second deal closed exactly at March's first instant: it belongs to March alone
    const won2 = await t.db.deal.create({ data: { organizationId: org, name: "w2", stageId: stages.Won!, amount: 1, status: "WON", openedAt: utc(2026, 0, 1), closedAt: utc(2026, 2, 1) } });
    await t.db.purchase.create({ data: { organizationId: org, accountId: acc.id, dealId: won2.id, purchasedAt: utc(2026, 2, 1), amount: 5 } });
    const byMonth = await computeKpi(t.db, org, getKpi("new_revenue_6m")!, resolvePeriod({ start: utc(2026, 0, 1), end: utc(2026, 3, 1) }, { grain: "month" }));
    expect([byMonth.current.value, byMonth.previous.value, ...byMonth.series.map((x) => x.value)]).toEqual([145, 0, 0, 140, 5]);
    // the deals' closes are in Q1, so Q2 has none
    expect((await computeKpi(t.db, org, getKpi("new_revenue_6m")!, resolvePeriod({ start: utc(2026, 3, 1), end: utc(2026, 6, 1) }))).current.value).toBe(0);
  });
});
