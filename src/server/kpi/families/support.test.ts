import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../../test/db";
import { computeKpi, drillDown } from "../engine";
import { resolvePeriod, utc } from "../period";
import { supportKpis } from "./support";

// Fixture: one organization with 9 tickets and survey answers of each type, plus a decoy organization whose rows
// must never count. Period = Q1 2026 [Jan 1, Apr 1) = 31 + 28 + 31 = 90 days, monthly series; as a custom range its
// previous period is the 90 days before: [Oct 3 2025, Jan 1 2026).
let t: TestDb;
let org: string;
let other: string;
let userA: string; // assignee, member of team "Tier 1"
let userB: string; // assignee, no team
let teamA: string;
const Q1 = resolvePeriod({ start: utc(2026, 0, 1), end: utc(2026, 3, 1) }, { grain: "month" });
const HOUR = 3_600_000;
const at = (m: number, d: number, h = 0) => new Date(Date.UTC(2026, m, d, h));
const plus = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR);
const kpi = (id: string) => {
  const k = supportKpis.find((x) => x.id === id);
  if (!k) throw new Error(`no KPI ${id}`);
  return k;
};
const value = async (id: string, filters = {}, period = Q1) => (await computeKpi(t.db, org, kpi(id), period, filters)).current.value;
const series = async (id: string, filters = {}) => (await computeKpi(t.db, org, kpi(id), Q1, filters)).series.map((p) => p.value);

type T = { subject: string; channel: "EMAIL" | "PHONE" | "CHAT" | "WEB"; priority: "LOW" | "MEDIUM" | "HIGH" | "URGENT"; assigneeId: string | null; openedAt: Date; firstResponseAt?: Date; resolvedAt?: Date; contactCount?: number; reopenCount?: number; deleted?: boolean };
async function ticket(orgId: string, x: T) {
  const r = await t.db.ticket.create({
    data: {
      organizationId: orgId, subject: x.subject, channel: x.channel, priority: x.priority, assigneeId: x.assigneeId, openedAt: x.openedAt,
      firstResponseAt: x.firstResponseAt ?? null, resolvedAt: x.resolvedAt ?? null, contactCount: x.contactCount ?? 0, reopenCount: x.reopenCount ?? 0,
      status: x.resolvedAt ? "RESOLVED" : "OPEN", deletedAt: x.deleted ? new Date() : null,
    },
  });
  return r.id;
}
async function answers(orgId: string, type: "NPS" | "CSAT" | "CES", rows: { score: number; at: Date; ticketId?: string; comment?: string }[]) {
  const survey = await t.db.survey.create({ data: { organizationId: orgId, type, name: `${type} survey`, question: "?", publicToken: `${orgId}-${type}-${Math.random()}` } });
  await t.db.surveyResponse.createMany({ data: rows.map((r) => ({ organizationId: orgId, surveyId: survey.id, type, score: r.score, respondedAt: r.at, ticketId: r.ticketId ?? null, comment: r.comment ?? null })) });
}

beforeAll(async () => {
  t = await createTestDb();
  org = (await t.db.organization.create({ data: { name: "Fixture", slug: "fixture" } })).id;
  other = (await t.db.organization.create({ data: { name: "Other", slug: "other" } })).id;
  userA = (await t.db.user.create({ data: { email: "a@fixture.test", name: "Agent A", passwordHash: "x" } })).id;
  userB = (await t.db.user.create({ data: { email: "b@fixture.test", name: "Agent B", passwordHash: "x" } })).id;
  teamA = (await t.db.team.create({ data: { organizationId: org, name: "Tier 1" } })).id;
  await t.db.membership.create({ data: { organizationId: org, userId: userA, role: "SUPPORT_AGENT", teamId: teamA } });
  await t.db.membership.create({ data: { organizationId: org, userId: userB, role: "SUPPORT_AGENT" } });

  // tickets: (hours from openedAt) first response / resolution; contacts; reopened
  const T1 = await ticket(org, { subject: "T1", channel: "EMAIL", priority: "HIGH", assigneeId: userA, openedAt: at(0, 5), firstResponseAt: plus(at(0, 5), 2), resolvedAt: plus(at(0, 5), 4), contactCount: 1 }); // fr 2 h, res 4 h, FCR
  const T2 = await ticket(org, { subject: "T2", channel: "EMAIL", priority: "LOW", assigneeId: userB, openedAt: at(0, 10), firstResponseAt: plus(at(0, 10), 6), resolvedAt: plus(at(0, 10), 30), contactCount: 3, reopenCount: 1 }); // fr 6, res 30, reopened
  const T3 = await ticket(org, { subject: "T3", channel: "PHONE", priority: "HIGH", assigneeId: userA, openedAt: at(1, 1), firstResponseAt: plus(at(1, 1), 1), resolvedAt: plus(at(1, 1), 10), contactCount: 1 }); // fr 1, res 10, FCR
  const T4 = await ticket(org, { subject: "T4", channel: "CHAT", priority: "MEDIUM", assigneeId: userB, openedAt: at(1, 20), firstResponseAt: plus(at(1, 20), 10), resolvedAt: plus(at(1, 20), 100), contactCount: 2 }); // fr 10, res 100 (Feb 24 04:00)
  await ticket(org, { subject: "T5", channel: "EMAIL", priority: "URGENT", assigneeId: userA, openedAt: at(2, 3), firstResponseAt: plus(at(2, 3), 3) }); // fr 3, never resolved
  await ticket(org, { subject: "T6", channel: "WEB", priority: "MEDIUM", assigneeId: null, openedAt: at(2, 30) }); // no response, never resolved
  // opened Dec 20 2025 (previous period, first response there too), resolved Jan 2 2026 = 13 days = 312 h, reopened twice
  await ticket(org, { subject: "T7", channel: "EMAIL", priority: "HIGH", assigneeId: userA, openedAt: new Date(Date.UTC(2025, 11, 20)), firstResponseAt: new Date(Date.UTC(2025, 11, 20, 5)), resolvedAt: at(0, 2), contactCount: 1, reopenCount: 2 });
  // opened Mar 31 20:00, first response Apr 1 02:00 and resolved Apr 2: only "opened" and "backlog at Apr 1" in Q1
  await ticket(org, { subject: "T8", channel: "CHAT", priority: "LOW", assigneeId: userB, openedAt: at(2, 31, 20), firstResponseAt: at(3, 1, 2), resolvedAt: at(3, 2), contactCount: 1 });
  // soft-deleted: never counts
  await ticket(org, { subject: "T9", channel: "EMAIL", priority: "HIGH", assigneeId: userA, openedAt: at(0, 15), firstResponseAt: plus(at(0, 15), 1), resolvedAt: plus(at(0, 15), 1), contactCount: 1, deleted: true });
  // decoy organization (same assignee id even): never counts
  await ticket(other, { subject: "X1", channel: "EMAIL", priority: "HIGH", assigneeId: userA, openedAt: at(0, 7), firstResponseAt: plus(at(0, 7), 50), resolvedAt: plus(at(0, 7), 500), contactCount: 5, reopenCount: 3 });
  await ticket(other, { subject: "X2", channel: "EMAIL", priority: "HIGH", assigneeId: userA, openedAt: at(0, 7) });

  // CSAT (1-5): Q1 = 5 (T1, A), 3 (T3, A), 4 (T2, B), 4 (T4, B), 1 (no ticket); Dec 2025 = 2
  await answers(org, "CSAT", [
    { score: 5, at: at(0, 10), ticketId: T1 },
    { score: 3, at: at(1, 3), ticketId: T3 },
    { score: 4, at: at(0, 12), ticketId: T2 },
    { score: 4, at: at(1, 25), ticketId: T4, comment: "ok" },
    { score: 1, at: at(2, 10), comment: "never again" },
    { score: 2, at: new Date(Date.UTC(2025, 11, 15)) },
  ]);
  // NPS (0-10): Jan 10 (exactly Jan 1 00:00), 9 (T1, A), 6; Feb 9, 8, 7, 0 (T4, B); Mar 10, 3, 10; Apr 1 00:00 = 0 (outside Q1)
  await answers(org, "NPS", [
    { score: 10, at: at(0, 1) },
    { score: 9, at: at(0, 6), ticketId: T1 },
    { score: 6, at: at(0, 20), comment: "slow" },
    { score: 9, at: at(1, 2) },
    { score: 8, at: at(1, 3) },
    { score: 7, at: at(1, 4) },
    { score: 0, at: at(1, 25), ticketId: T4, comment: "terrible" },
    { score: 10, at: at(2, 1) },
    { score: 3, at: at(2, 2) },
    { score: 10, at: at(2, 3) },
    { score: 0, at: at(3, 1) },
    // June 2024: all promoters; July 2024: all detractors
    { score: 9, at: new Date(Date.UTC(2024, 5, 10)) },
    { score: 10, at: new Date(Date.UTC(2024, 5, 11)) },
    { score: 0, at: new Date(Date.UTC(2024, 6, 10)) },
    { score: 6, at: new Date(Date.UTC(2024, 6, 11)) },
  ]);
  // CES (1-7): Q1 = 2, 3, 7, 1; Nov 2025 = 5
  await answers(org, "CES", [
    { score: 2, at: at(0, 8) },
    { score: 3, at: at(1, 8) },
    { score: 7, at: at(2, 8) },
    { score: 1, at: at(2, 9) },
    { score: 5, at: new Date(Date.UTC(2025, 10, 15)) },
  ]);
  // decoy answers in Q1
  await answers(other, "CSAT", [{ score: 1, at: at(0, 10) }, { score: 1, at: at(0, 11) }]);
  await answers(other, "NPS", [{ score: 0, at: at(0, 10) }, { score: 0, at: at(1, 10) }, { score: 0, at: at(2, 10) }]);
  await answers(other, "CES", [{ score: 7, at: at(0, 10) }]);
});
afterAll(async () => t?.close());

// Resolved in Q1 (resolvedAt in [Jan 1, Apr 1)): T1 4 h, T2 30 h, T3 10 h, T4 100 h, T7 312 h = 5 tickets
// (T8 resolves Apr 2, T9 is deleted, X1 is another organization's).
describe("ticket resolution KPIs (hand-computed, Q1 2026)", () => {
  it("first contact resolution = contactCount 1 / resolved × 100 = (T1, T3, T7) 3 / 5 × 100 = 60%", async () => {
    const r = await computeKpi(t.db, org, kpi("first_contact_resolution"), Q1);
    expect(r.current.value).toBeCloseTo(60, 10);
    // series: Jan resolved T1, T2, T7 -> FCR T1, T7 = 2/3; Feb T3, T4 -> 1/2; Mar none -> null with reason
    expect(r.series.map((p) => p.value)).toEqual([expect.closeTo((2 / 3) * 100, 10), expect.closeTo(50, 10), null]);
    expect(r.series[2]!.reason).toBe("no tickets resolved in period");
    // previous [Oct 3, Jan 1): nothing resolved -> null with reason, no change
    expect(r.previous).toEqual({ value: null, reason: "no tickets resolved in period" });
    expect(r.change).toBeNull();
  });

  it("resolution time: mean = (4 + 30 + 10 + 100 + 312) / 5 = 456 / 5 = 91.2 h", async () => {
    expect(await value("resolution_time_mean")).toBeCloseTo(91.2, 10);
  });

  it("resolution time: median of [4, 10, 30, 100, 312] = 30 h; p90 at position 0.9 × (5 − 1) = 3.6 -> 100 + 0.6 × (312 − 100) = 227.2 h", async () => {
    expect(await value("resolution_time_median")).toBeCloseTo(30, 10);
    expect(await value("resolution_time_p90")).toBeCloseTo(227.2, 10);
  });

  it("resolution time median per month: Jan [4, 30, 312] -> 30; Feb [10, 100] -> (10 + 100) / 2 = 55; Mar none -> null", async () => {
    expect(await series("resolution_time_median")).toEqual([expect.closeTo(30, 10), expect.closeTo(55, 10), null]);
  });

  it("reopen rate = resolved with reopenCount > 0 / resolved × 100 = (T2, T7) 2 / 5 × 100 = 40%", async () => {
    expect(await value("reopen_rate")).toBeCloseTo(40, 10);
  });

  it("filter channel EMAIL: resolved T1 4, T2 30, T7 312 -> FCR 2/3; median 30; mean 346 / 3; p90 pos 0.9 × 2 = 1.8 -> 30 + 0.8 × 282 = 255.6", async () => {
    const f = { channel: "EMAIL" };
    expect(await value("first_contact_resolution", f)).toBeCloseTo((2 / 3) * 100, 10);
    expect(await value("resolution_time_median", f)).toBeCloseTo(30, 10);
    expect(await value("resolution_time_mean", f)).toBeCloseTo(346 / 3, 10);
    expect(await value("resolution_time_p90", f)).toBeCloseTo(255.6, 10);
  });

  it("filter priority HIGH: resolved T1 4, T3 10, T7 312 -> FCR 3/3 = 100%; median 10; p90 10 + 0.8 × 302 = 251.6", async () => {
    const f = { priority: "HIGH" };
    expect(await value("first_contact_resolution", f)).toBeCloseTo(100, 10);
    expect(await value("resolution_time_median", f)).toBeCloseTo(10, 10);
    expect(await value("resolution_time_p90", f)).toBeCloseTo(251.6, 10);
  });

  it("filter owner B: resolved T2 30, T4 100 -> FCR 0/2 = 0%; median (30 + 100) / 2 = 65; p90 pos 0.9 -> 30 + 0.9 × 70 = 93", async () => {
    const f = { ownerId: userB };
    expect(await value("first_contact_resolution", f)).toBe(0);
    expect(await value("resolution_time_median", f)).toBeCloseTo(65, 10);
    expect(await value("resolution_time_p90", f)).toBeCloseTo(93, 10);
  });

  it("filter team Tier 1 (agent A only) = owner A: T1, T3, T7 -> median 10", async () => {
    expect(await value("resolution_time_median", { teamId: teamA })).toBeCloseTo(10, 10);
    expect(await value("resolution_time_median", { ownerId: userA })).toBeCloseTo(10, 10);
  });

  it("drill-down: tickets not resolved on first contact, newest resolution first = T4 (2 contacts), T2 (3)", async () => {
    const d = await drillDown(t.db, org, kpi("first_contact_resolution"), Q1.current, {}, { offset: 0, limit: 10 });
    expect(d.total).toBe(2);
    expect(d.rows.map((r) => [r.subject, r.contactCount])).toEqual([["T4", 2], ["T2", 3]]);
  });

  it("drill-down: slowest resolved tickets, paginated: T7 312 h, T4 100 h | T2 30 h, T3 10 h, T1 4 h", async () => {
    const d = await drillDown(t.db, org, kpi("resolution_time_p90"), Q1.current, {}, { offset: 0, limit: 2 });
    expect(d.total).toBe(5);
    expect(d.rows.map((r) => r.subject)).toEqual(["T7", "T4"]);
    expect(d.rows.map((r) => r.hours)).toEqual([expect.closeTo(312, 10), expect.closeTo(100, 10)]);
    const d2 = await drillDown(t.db, org, kpi("resolution_time_p90"), Q1.current, {}, { offset: 2, limit: 10 });
    expect(d2.rows.map((r) => r.subject)).toEqual(["T2", "T3", "T1"]);
  });
});

// First response in Q1 (firstResponseAt in [Jan 1, Apr 1)): T1 2 h, T2 6 h, T3 1 h, T4 10 h, T5 3 h
// (T7 responded Dec 20 = previous period; T8 responded Apr 1 02:00; T6 never).
describe("first response time (hand-computed, Q1 2026)", () => {
  it("mean = (2 + 6 + 1 + 10 + 3) / 5 = 4.4 h; median of [1, 2, 3, 6, 10] = 3 h; p90 pos 3.6 -> 6 + 0.6 × 4 = 8.4 h", async () => {
    expect(await value("first_response_time_mean")).toBeCloseTo(4.4, 10);
    expect(await value("first_response_time_median")).toBeCloseTo(3, 10);
    expect(await value("first_response_time_p90")).toBeCloseTo(8.4, 10);
  });

  it("previous period: T7 5 h only -> 5; change 4.4 − 5 = −0.6, an improvement (lower is better)", async () => {
    const r = await computeKpi(t.db, org, kpi("first_response_time_mean"), Q1);
    expect(r.previous.value).toBeCloseTo(5, 10);
    expect(r.change).toBeCloseTo(-0.6, 10);
    expect(r.improved).toBe(true);
  });

  it("p90 per month: Jan [2, 6] -> 2 + 0.9 × 4 = 5.6; Feb [1, 10] -> 1 + 0.9 × 9 = 9.1; Mar [3] -> 3", async () => {
    expect(await series("first_response_time_p90")).toEqual([5.6, 9.1, 3].map((v) => expect.closeTo(v, 10)));
  });

  it("owner A: T1 2, T3 1, T5 3 -> median 2; p90 pos 1.8 -> 2 + 0.8 × 1 = 2.8", async () => {
    expect(await value("first_response_time_median", { ownerId: userA })).toBeCloseTo(2, 10);
    expect(await value("first_response_time_p90", { ownerId: userA })).toBeCloseTo(2.8, 10);
  });

  it("an empty period gives null with a reason", async () => {
    const empty = resolvePeriod({ start: utc(2010, 0, 1), end: utc(2010, 3, 1) });
    const r = await computeKpi(t.db, org, kpi("first_response_time_median"), empty);
    expect(r.current).toEqual({ value: null, reason: "no first responses in period" });
  });
});

describe("ticket volume and backlog (hand-computed, Q1 2026)", () => {
  it("opened per day = (T1, T2, T3, T4, T5, T6, T8) 7 / 90 days; per month Jan 2/31, Feb 2/28, Mar 3/31", async () => {
    const r = await computeKpi(t.db, org, kpi("tickets_opened_per_day"), Q1);
    expect(r.current.value).toBeCloseTo(7 / 90, 10);
    expect(r.series.map((p) => p.value)).toEqual([2 / 31, 2 / 28, 3 / 31].map((v) => expect.closeTo(v, 10)));
    // previous [Oct 3, Jan 1): T7 -> 1 / 90
    expect(r.previous.value).toBeCloseTo(1 / 90, 10);
  });

  it("closed per day = 5 resolved / 90 days; per month Jan 3/31 (T1, T2, T7), Feb 2/28, Mar 0", async () => {
    const r = await computeKpi(t.db, org, kpi("tickets_closed_per_day"), Q1);
    expect(r.current.value).toBeCloseTo(5 / 90, 10);
    expect(r.series.map((p) => p.value)).toEqual([3 / 31, 2 / 28, 0].map((v) => expect.closeTo(v, 10)));
    expect(await value("tickets_closed_per_day", { channel: "PHONE" })).toBeCloseTo(1 / 90, 10); // T3
  });

  it("backlog at Apr 1 = T5, T6, T8 = 3; at Jan 1 (previous) = T7 = 1, so worse; month ends Feb 1 0, Mar 1 0, Apr 1 3", async () => {
    const r = await computeKpi(t.db, org, kpi("ticket_backlog"), Q1);
    expect(r.current.value).toBe(3);
    expect(r.previous.value).toBe(1);
    expect(r.improved).toBe(false);
    // Feb 1: T3 opens exactly Feb 1 00:00 (not before the end); T1, T2, T7 resolved in January
    expect(r.series.map((p) => p.value)).toEqual([0, 0, 3]);
    expect(await value("ticket_backlog", { ownerId: userA })).toBe(1); // T5
    expect(await value("ticket_backlog", { priority: "LOW" })).toBe(1); // T8
  });

  it("backlog drill-down: oldest first with age at Apr 1: T5 29 days = 696 h, T6 2 days = 48 h, T8 4 h", async () => {
    const d = await drillDown(t.db, org, kpi("ticket_backlog"), Q1.current, {}, { offset: 0, limit: 10 });
    expect(d.rows.map((r) => [r.subject, r.ageHours])).toEqual([["T5", expect.closeTo(696, 10)], ["T6", expect.closeTo(48, 10)], ["T8", expect.closeTo(4, 10)]]);
  });
});

describe("survey KPIs (hand-computed, Q1 2026)", () => {
  it("CSAT = answers 4-5 / answers × 100 = (5, 4, 4) 3 / 5 × 100 = 60%; mean (5 + 3 + 4 + 4 + 1) / 5 = 3.4", async () => {
    const r = await computeKpi(t.db, org, kpi("csat"), Q1);
    expect(r.current.value).toBeCloseTo(60, 10);
    expect(r.previous.value).toBe(0); // Dec: one answer, 2 -> 0 / 1
    expect(await value("csat_mean")).toBeCloseTo(3.4, 10);
    // series: Jan (5, 4) 100%; Feb (3, 4) 50%; Mar (1) 0%
    expect(r.series.map((p) => p.value)).toEqual([100, 50, 0].map((v) => expect.closeTo(v, 10)));
  });

  it("CSAT by the answered ticket's assignee: A (5, 3) -> 50%, mean 4; B (4, 4) -> 100%; team Tier 1 = A -> 50%", async () => {
    expect(await value("csat", { ownerId: userA })).toBeCloseTo(50, 10);
    expect(await value("csat_mean", { ownerId: userA })).toBeCloseTo(4, 10);
    expect(await value("csat", { ownerId: userB })).toBeCloseTo(100, 10);
    expect(await value("csat", { teamId: teamA })).toBeCloseTo(50, 10);
  });

  it("CSAT drill-down: dissatisfied answers, lowest first = 1, 3", async () => {
    const d = await drillDown(t.db, org, kpi("csat"), Q1.current, {}, { offset: 0, limit: 10 });
    expect(d.rows.map((r) => r.score)).toEqual([1, 3]);
  });

  // NPS Q1: 10, 9, 6 | 9, 8, 7, 0 | 10, 3, 10 = 10 answers; promoters (9-10) = 5, passives (7-8) = 2, detractors (0-6) = 3
  it("NPS = 5/10 × 100 − 3/10 × 100 = 50 − 30 = 20; promoters 50%, passives 20%, detractors 30%", async () => {
    expect(await value("nps")).toBeCloseTo(20, 10);
    expect(await value("nps_promoters_pct")).toBeCloseTo(50, 10);
    expect(await value("nps_passives_pct")).toBeCloseTo(20, 10);
    expect(await value("nps_detractors_pct")).toBeCloseTo(30, 10);
  });

  it("NPS per month: Jan (10, 9, 6) (2 − 1) / 3 × 100 = 33.3; Feb (9, 8, 7, 0) (1 − 1) / 4 = 0; Mar (10, 3, 10) 33.3", async () => {
    expect(await series("nps")).toEqual([100 / 3, 0, 100 / 3].map((v) => expect.closeTo(v, 10)));
  });

  it("NPS edge cases: all promoters (June 2024: 9, 10) = 100; all detractors (July 2024: 0, 6) = −100; none -> null", async () => {
    const june = resolvePeriod({ start: new Date(Date.UTC(2024, 5, 1)), end: new Date(Date.UTC(2024, 6, 1)) });
    const july = resolvePeriod({ start: new Date(Date.UTC(2024, 6, 1)), end: new Date(Date.UTC(2024, 7, 1)) });
    expect(await value("nps", {}, june)).toBe(100);
    expect(await value("nps", {}, july)).toBe(-100);
    const r = await computeKpi(t.db, org, kpi("nps"), Q1);
    expect(r.previous).toEqual({ value: null, reason: "no NPS answers in period" }); // none in [Oct 3, Jan 1)
    const empty = resolvePeriod({ start: utc(2010, 0, 1), end: utc(2010, 3, 1) });
    expect((await computeKpi(t.db, org, kpi("nps_passives_pct"), empty)).current).toEqual({ value: null, reason: "no NPS answers in period" });
  });

  it("NPS by ticket assignee: A answered 9 -> 100; B answered 0 -> −100", async () => {
    expect(await value("nps", { ownerId: userA })).toBe(100);
    expect(await value("nps", { ownerId: userB })).toBe(-100);
  });

  it("NPS drill-down: detractors with comments first, then by score: 0 'terrible', 6 'slow', 3 (no comment)", async () => {
    const d = await drillDown(t.db, org, kpi("nps"), Q1.current, {}, { offset: 0, limit: 10 });
    expect(d.total).toBe(3);
    expect(d.rows.map((r) => [r.score, r.comment])).toEqual([[0, "terrible"], [6, "slow"], [3, null]]);
    expect(d.rows[0]!.ticketSubject).toBe("T4");
  });

  it("CES = mean (2 + 3 + 7 + 1) / 4 = 3.25; previous (Nov: 5) = 5 -> change −1.75: worse (7 = very easy, higher is better)", async () => {
    const r = await computeKpi(t.db, org, kpi("ces"), Q1);
    expect(r.current.value).toBeCloseTo(3.25, 10);
    expect(r.previous.value).toBeCloseTo(5, 10);
    expect(r.change).toBeCloseTo(-1.75, 10);
    expect(r.improved).toBe(false);
  });

  it("survey KPIs refuse the channel filter; ticket KPIs refuse segment", async () => {
    await expect(computeKpi(t.db, org, kpi("nps"), Q1, { channel: "EMAIL" })).rejects.toThrow(/filters.channel: does not apply/);
    await expect(computeKpi(t.db, org, kpi("ticket_backlog"), Q1, { segment: "SMB" })).rejects.toThrow(/filters.segment: does not apply/);
  });
});

describe("support catalog", () => {
  it("has one definition per id, all in the support family, each with a formula", () => {
    const idsList = supportKpis.map((k) => k.id);
    expect(new Set(idsList).size).toBe(idsList.length);
    expect(idsList).toEqual([
      "first_contact_resolution",
      "first_response_time_mean", "first_response_time_median", "first_response_time_p90",
      "resolution_time_mean", "resolution_time_median", "resolution_time_p90",
      "tickets_opened_per_day", "tickets_closed_per_day", "ticket_backlog", "reopen_rate",
      "csat", "csat_mean", "nps", "nps_promoters_pct", "nps_passives_pct", "nps_detractors_pct", "ces",
    ]);
    for (const k of supportKpis) {
      expect(k.family).toBe("support");
      expect(k.formula.length).toBeGreaterThan(20);
    }
  });
});

describe("without the previous period (compare: false, the dashboard's breakdown tables)", () => {
  it("gives the same value for the period, no previous value and no change", async () => {
    const ids = ["tickets_opened_per_day", "ticket_backlog", "first_response_time_median", "resolution_time_median", "first_contact_resolution", "csat"];
    for (const id of ids) {
      for (const filters of [{}, { channel: "EMAIL" }]) {
        if (id === "csat" && "channel" in filters) continue;
        const [full, alone] = [await computeKpi(t.db, org, kpi(id), Q1, filters), await computeKpi(t.db, org, kpi(id), Q1, filters, { compare: false })];
        expect(alone.current, `${id} ${JSON.stringify(filters)}`).toEqual(full.current);
        expect(alone.previous).toEqual({ value: null, reason: "not compared" });
        expect(alone.change).toBeNull();
        expect(alone.series.map((p) => p.value)).toEqual(full.series.map((p) => p.value));
      }
    }
    // the fixture's period has values for them (the comparison means something)
    expect(await value("tickets_opened_per_day")).toBeGreaterThan(0);
  });
});
