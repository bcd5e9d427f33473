import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../../test/db";
import { computeKpi } from "../engine";
import { resolvePeriod, utc } from "../period";
import { npsDistribution } from "./nps";
import { supportKpis } from "./support";

// Fixture: NPS answers of one organization in Q1 2026 [Jan 1, Apr 1), some linked to tickets of agents A and B,
// one answer exactly at Apr 1 00:00 (outside), CSAT answers (another survey type), and a decoy organization.
let t: TestDb;
let org: string;
let other: string;
let userA: string;
let userB: string;
let team: string;
const Q1 = { start: utc(2026, 0, 1), end: utc(2026, 3, 1) };
const at = (m: number, d: number) => new Date(Date.UTC(2026, m, d));

beforeAll(async () => {
  t = await createTestDb();
  org = (await t.db.organization.create({ data: { name: "Fixture", slug: "fixture" } })).id;
  other = (await t.db.organization.create({ data: { name: "Other", slug: "other" } })).id;
  userA = (await t.db.user.create({ data: { email: "a@fixture.test", name: "A", passwordHash: "x" } })).id;
  userB = (await t.db.user.create({ data: { email: "b@fixture.test", name: "B", passwordHash: "x" } })).id;
  team = (await t.db.team.create({ data: { organizationId: org, name: "T" } })).id;
  await t.db.membership.create({ data: { organizationId: org, userId: userA, role: "SUPPORT_AGENT", teamId: team } });
  await t.db.membership.create({ data: { organizationId: org, userId: userB, role: "SUPPORT_AGENT" } });
  const ticketA = (await t.db.ticket.create({ data: { organizationId: org, subject: "A's", channel: "EMAIL", assigneeId: userA, openedAt: at(0, 2) } })).id;
  const ticketB = (await t.db.ticket.create({ data: { organizationId: org, subject: "B's", channel: "PHONE", assigneeId: userB, openedAt: at(0, 2) } })).id;

  const survey = async (orgId: string, type: "NPS" | "CSAT") => (await t.db.survey.create({ data: { organizationId: orgId, type, name: type, question: "?", publicToken: `${orgId}-${type}` } })).id;
  const nps = await survey(org, "NPS");
  const csat = await survey(org, "CSAT");
  const decoy = await survey(other, "NPS");
  const row = (surveyId: string, orgId: string, type: "NPS" | "CSAT", score: number, respondedAt: Date, ticketId: string | null = null) => ({ organizationId: orgId, surveyId, type, score, respondedAt, ticketId });
  await t.db.surveyResponse.createMany({
    data: [
      // Q1: 10 (Jan 1 00:00), 10, 10, 9 (A), 8 (A), 7, 6 (B), 6, 3 (A), 0 (B) = 10 answers
      row(nps, org, "NPS", 10, at(0, 1)), row(nps, org, "NPS", 10, at(0, 15)), row(nps, org, "NPS", 10, at(2, 31)),
      row(nps, org, "NPS", 9, at(1, 1), ticketA), row(nps, org, "NPS", 8, at(1, 2), ticketA), row(nps, org, "NPS", 7, at(1, 3)),
      row(nps, org, "NPS", 6, at(1, 4), ticketB), row(nps, org, "NPS", 6, at(1, 5)), row(nps, org, "NPS", 3, at(2, 1), ticketA),
      row(nps, org, "NPS", 0, at(2, 2), ticketB),
      row(nps, org, "NPS", 0, at(3, 1)), // Apr 1 00:00: not in Q1
      row(csat, org, "CSAT", 5, at(0, 10)), row(csat, org, "CSAT", 1, at(0, 11)), // other survey type
      row(decoy, other, "NPS", 0, at(0, 10)), row(decoy, other, "NPS", 5, at(0, 10)), // other organization
    ],
  });
});
afterAll(async () => t?.close());

describe("npsDistribution (hand-computed, Q1 2026)", () => {
  it("counts each score 0..10: 0×1, 3×1, 6×2, 7×1, 8×1, 9×1, 10×3; promoters 4, passives 2, detractors 4 -> NPS (4 − 4) / 10 × 100 = 0", async () => {
    const d = await npsDistribution(t.db, org, Q1);
    expect(d.counts).toEqual([1, 0, 0, 1, 0, 0, 2, 1, 1, 1, 3]);
    expect(d).toMatchObject({ total: 10, promoters: 4, passives: 2, detractors: 4, nps: 0 });
    expect(d.reason).toBeUndefined();
  });

  it("agrees with the nps KPI and its share KPIs for the same period", async () => {
    const period = resolvePeriod(Q1);
    const kpi = (id: string) => supportKpis.find((k) => k.id === id)!;
    expect((await computeKpi(t.db, org, kpi("nps"), period)).current.value).toBe(0);
    expect((await computeKpi(t.db, org, kpi("nps_promoters_pct"), period)).current.value).toBeCloseTo(40, 10); // 4 / 10
    expect((await computeKpi(t.db, org, kpi("nps_passives_pct"), period)).current.value).toBeCloseTo(20, 10); // 2 / 10
    expect((await computeKpi(t.db, org, kpi("nps_detractors_pct"), period)).current.value).toBeCloseTo(40, 10); // 4 / 10
  });

  it("filters by the answered ticket's assignee: A (9, 8, 3) -> (1 − 1) / 3 = 0; B (6, 0) -> (0 − 2) / 2 × 100 = −100; team T = A", async () => {
    const a = await npsDistribution(t.db, org, Q1, { ownerId: userA });
    expect(a.counts).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0]);
    expect(a.nps).toBe(0);
    expect((await npsDistribution(t.db, org, Q1, { ownerId: userB })).nps).toBe(-100);
    expect((await npsDistribution(t.db, org, Q1, { teamId: team })).counts).toEqual(a.counts);
  });

  it("the range is [start, end): April holds only the Apr 1 00:00 answer (0) -> NPS −100", async () => {
    const d = await npsDistribution(t.db, org, { start: utc(2026, 3, 1), end: utc(2026, 4, 1) });
    expect(d.counts).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(d.nps).toBe(-100);
  });

  it("no answers -> zero counts and NPS null with a reason; the other organization's answers never count", async () => {
    const d = await npsDistribution(t.db, org, { start: utc(2010, 0, 1), end: utc(2010, 3, 1) });
    expect(d).toEqual({ counts: Array(11).fill(0), total: 0, promoters: 0, passives: 0, detractors: 0, nps: null, reason: "no NPS answers in period" });
    expect((await npsDistribution(t.db, other, Q1)).counts).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it("refuses filters it does not implement", async () => {
    await expect(npsDistribution(t.db, org, Q1, { channel: "EMAIL" })).rejects.toThrow(/filters.channel: does not apply/);
  });
});
