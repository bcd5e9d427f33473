// Goals on a real database: who may set and see which goal, values measured through the KPI engine with
// hand-computed numbers, baseline edge cases, the deadline passing, check-ins, roll-up, and bad input that
// changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { Role } from "@/server/auth/permissions";
import { tenantDb } from "@/server/db/tenant";
import { archiveGoal, checkInGoal, createGoal, getGoal, listGoals, listGoalsAtRisk, previewGoal, updateGoal, type Actor, type GoalInput } from "@/server/goals/goals";
import { createTestDb, type TestDb } from "./db";
import { callerAs, createFixtures, fixturePasswordHash, fingerprint, type Fixtures } from "./fixtures";

let t: TestDb;
let f: Fixtures;
let goalRep: string; // a rep of Alpha's team whose deals the numbers below are computed from
let teamRep: string; // a second rep of Alpha's team
let outsider: string; // a rep in another team of Alpha
let otherTeam: string;

const d = (s: string) => new Date(`${s}T00:00:00Z`);
// "now" for the measured tests: day 50.5 of a 100-day goal May 1 .. Aug 8, 2025
const NOW = new Date("2025-06-20T12:00:00Z");
const START = d("2025-05-01");
const DEADLINE = d("2025-08-08");

function actor(role: Role, userId?: string): Actor {
  const u = f.alpha.users[role];
  const teamId = role === "CRM_MANAGER" ? null : f.alpha.teamId;
  return { db: tenantDb(t.db, f.alpha.organizationId), baseDb: t.db, organizationId: f.alpha.organizationId, userId: userId ?? u.userId, role, teamId };
}

const goal = (over: Partial<GoalInput> = {}): GoalInput => ({
  title: "Grow Goal Rep's revenue", kpiId: "new_revenue", ownerUserId: goalRep, filters: { ownerId: goalRep }, startDate: START, deadline: DEADLINE,
  targetType: "RELATIVE", targetValue: 10, actionPlan: "Two demos a week with warm leads", whyItMatters: "Revenue pays for the new hires", cadence: "MONTHLY", ...over,
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    return (e as Error).name;
  }
}

async function member(name: string, role: Role, teamId: string | null) {
  const u = await t.db.user.create({ data: { email: `${name.replace(/\W/g, "")}-${f.run}@alpha.test`, name, passwordHash: await fixturePasswordHash() } });
  await t.db.membership.create({ data: { organizationId: f.alpha.organizationId, userId: u.id, role, teamId } });
  return u.id;
}

async function deal(ownerId: string, amount: number, closedAt: string, status: "WON" | "LOST" = "WON", openedAt = "2024-12-01") {
  await t.db.deal.create({
    data: { organizationId: f.alpha.organizationId, name: `Deal ${amount} ${closedAt}`, ownerId, stageId: f.alpha.wonStageId, status, amount, openedAt: d(openedAt), closedAt: d(closedAt) },
  });
}

beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
  goalRep = await member("Goal Rep", "SALES_REP", f.alpha.teamId);
  teamRep = await member("Team Rep", "SALES_REP", f.alpha.teamId);
  otherTeam = (await t.db.team.create({ data: { organizationId: f.alpha.organizationId, name: "Other team" } })).id;
  outsider = await member("Outside Rep", "SALES_REP", otherTeam);
  // baseline window [Jan 21, May 1): 1000 + 300; current window [Mar 13, Jun 21): 300 + 700
  await deal(goalRep, 1000, "2025-02-10");
  await deal(goalRep, 300, "2025-04-01");
  await deal(goalRep, 700, "2025-06-01");
  // Team Rep: 500 won and one lost in the current window
  await deal(teamRep, 500, "2025-05-15");
  await deal(teamRep, 900, "2025-05-20", "LOST");
});
afterAll(async () => t?.close());

describe("progress measured through the KPI engine", () => {
  it("measures the baseline at the start and the current value over windows as long as the goal (hand-computed)", async () => {
    const { id } = await createGoal(actor("SALES_MANAGER"), goal(), NOW);
    const g = await getGoal(actor("SALES_MANAGER"), id, NOW);
    expect(g.progress.windowDays).toBe(100);
    expect(g.progress.baseline).toBe(1300);
    expect(g.progress.current).toBe(1000);
    expect(g.progress.target).toBeCloseTo(1430, 8); // +10% of 1300
    expect(g.progress.progress).toBeCloseTo(((1000 - 1300) / 130) * 100, 8);
    expect(g.progress.expectedProgress).toBeCloseTo(50.5, 8);
    expect(g.progress.todaysTarget).toBeCloseTo(1300 + 130 * 0.505, 8);
    // the trend: the KPI over 100-day windows ending every 17 days back from Jun 21 (Jun 21 ... Mar 11)
    expect(g.trend.map((p) => p.value)).toEqual([1000, 1000, 1300, 1300, 1300, 1000, 1000]);
    // symmetric around its middle point: a flat least-squares line at the mean 7900 / 7
    expect(g.progress.forecast).toBeCloseTo(7900 / 7, 6);
    expect(g.progress.status).toBe("OFF_TRACK"); // 80.5 points behind the path, forecast short of 1430
    // the chart starts at the baseline on the path and ends at the target at the deadline
    expect(g.chart[0]).toMatchObject({ at: START, path: 1300, measured: 1300 });
    expect(g.chart.at(-1)!.path).toBeCloseTo(1430, 8);
    expect(g.canManage).toBe(true);
    expect(g.baselineEdits).toEqual([]); // measured, never entered by hand
  });

  it("keeps the baseline's history: entered by hand with a reason, then given back to the measurement", async () => {
    const a = actor("SALES_MANAGER");
    const { id } = await createGoal(a, goal({ title: "Baseline history" }), NOW);
    await updateGoal(a, { ...goal({ title: "Baseline history", baselineValue: 1500, baselineNote: "CFO's number" }), goalId: id }, NOW);
    expect((await getGoal(a, id, NOW)).progress).toMatchObject({ baseline: 1500, baselineEdited: true, baselineMeasured: 1300 });
    await updateGoal(a, { ...goal({ title: "Baseline history" }), goalId: id }, NOW);
    const g = await getGoal(a, id, NOW);
    expect(g.progress).toMatchObject({ baseline: 1300, baselineEdited: false });
    expect(g.baselineEdits.map((b) => [b.value, b.reason])).toEqual([[1500, "CFO's number"], [null, null]]);
  });

  it("judges a lower-is-better KPI the right way: win rate is higher-better, sales cycle lower-better", async () => {
    // sales cycle of Goal Rep's deals won in the current window: (Apr 1 - Dec 1) = 121 days and (Jun 1 - Dec 1) = 182 days -> 151.5
    const { id } = await createGoal(actor("SALES_MANAGER"), goal({ kpiId: "sales_cycle_days", targetType: "ABSOLUTE", targetValue: 60, baselineValue: 120, baselineNote: "the 4-month cycle from the board deck" }), NOW);
    const g = await getGoal(actor("SALES_MANAGER"), id, NOW);
    expect(g.progress.baseline).toBe(120);
    expect(g.progress.baselineEdited).toBe(true);
    expect(g.progress.current).toBeCloseTo(151.5, 8);
    expect(g.progress.progress).toBeCloseTo(((151.5 - 120) / (60 - 120)) * 100, 8); // negative: the cycle got longer
    expect(g.progress.status).toBe("OFF_TRACK");
    expect(g.baselineEdits).toEqual([expect.objectContaining({ value: 120, reason: "the 4-month cycle from the board deck" })]);
  });

  it("after the deadline: the value at the deadline decides achieved or missed", async () => {
    const after = new Date("2025-09-15T00:00:00Z");
    const low = await createGoal(actor("SALES_MANAGER"), goal({ targetType: "ABSOLUTE", targetValue: 900 }), NOW); // value at deadline: window [May 1, Aug 9) = 700
    expect((await getGoal(actor("SALES_MANAGER"), low.id, after)).progress).toMatchObject({ current: 700, status: "MISSED", deadlinePassed: true });
    const easy = await createGoal(actor("SALES_MANAGER"), goal({ targetType: "ABSOLUTE", targetValue: 700, baselineValue: 100, baselineNote: "last year's weak quarter" }), NOW);
    expect((await getGoal(actor("SALES_MANAGER"), easy.id, after)).progress.status).toBe("ACHIEVED");
  });
});

describe("baseline edge cases", () => {
  it("no data at the start: a relative target is refused, an absolute one is kept with a SMART warning", async () => {
    const a = actor("SALES_MANAGER");
    const noDeals = { kpiId: "sales_cycle_days", filters: { ownerId: teamRep }, ownerUserId: teamRep };
    const before = await t.db.goal.count();
    await expect(createGoal(a, goal({ ...noDeals, targetType: "RELATIVE", targetValue: -20 }), NOW)).rejects.toThrow(/targetValue: a relative target needs a baseline/);
    expect(await t.db.goal.count()).toBe(before);
    const p = await previewGoal(a, goal({ ...noDeals, targetType: "ABSOLUTE", targetValue: 60 }), NOW);
    expect(p.baseline).toBeNull();
    expect(p.warnings.map((w) => `${w.letter}:${w.field}`)).toContain("M:baselineValue");
    const { id } = await createGoal(a, goal({ ...noDeals, targetType: "ABSOLUTE", targetValue: 60 }), NOW);
    expect((await getGoal(a, id, NOW)).progress).toMatchObject({ baseline: null, progress: null, status: "AT_RISK" });
  });

  it("baseline zero: a relative change is refused, an absolute target measures progress from zero", async () => {
    const a = actor("SALES_MANAGER");
    const zero = { filters: { ownerId: outsider }, ownerUserId: f.alpha.users.SALES_MANAGER.userId };
    await expect(createGoal(a, goal({ ...zero, targetType: "RELATIVE", targetValue: 50 }), NOW)).rejects.toThrow(/zero baseline/);
    const { id } = await createGoal(a, goal({ ...zero, targetType: "ABSOLUTE", targetValue: 1000 }), NOW);
    expect((await getGoal(a, id, NOW)).progress).toMatchObject({ baseline: 0, current: 0, progress: 0 });
  });

  it("a baseline entered by hand needs a reason", async () => {
    await expect(createGoal(actor("SALES_MANAGER"), goal({ baselineValue: 5000 }), NOW)).rejects.toThrow(/baselineNote/);
  });
});

describe("SMART warnings from the preview", () => {
  it("flags a target in the wrong direction and a past deadline", async () => {
    const p = await previewGoal(actor("SALES_MANAGER"), goal({ targetType: "RELATIVE", targetValue: -10, deadline: d("2025-06-01") }), NOW);
    const msgs = p.warnings.map((w) => w.message).join(" ");
    expect(msgs).toMatch(/wrong direction/);
    expect(msgs).toMatch(/already passed/);
  });
});

describe("who may set goals (enforced on the server)", () => {
  it("a manager may set goals only on KPIs whose family their role reads", async () => {
    expect(await code(createGoal(actor("SALES_MANAGER"), goal({ kpiId: "ticket_backlog", filters: {} }), NOW))).toBe("ForbiddenError");
    expect(await code(createGoal(actor("SUPPORT_MANAGER"), goal(), NOW))).toBe("ForbiddenError");
    expect(await code(createGoal(actor("SUPPORT_MANAGER"), goal({ kpiId: "first_contact_resolution", filters: {}, ownerUserId: f.alpha.users.SUPPORT_AGENT.userId, targetType: "ABSOLUTE", targetValue: 80 }), NOW))).toBe("OK");
    // customer KPIs are read by every manager
    expect(await code(createGoal(actor("SUPPORT_MANAGER"), goal({ kpiId: "churn_rate", filters: {}, ownerTeamId: f.alpha.teamId, ownerUserId: null, targetType: "ABSOLUTE", targetValue: 2 }), NOW))).toBe("OK");
    expect(await code(createGoal(actor("CRM_MANAGER"), goal({ kpiId: "ticket_backlog", filters: {}, targetType: "ABSOLUTE", targetValue: 2 }), NOW))).toBe("OK");
  });

  it("a manager sets goals for themselves, their team and its members only; the CRM manager for anyone", async () => {
    expect(await code(createGoal(actor("SALES_MANAGER"), goal({ ownerUserId: outsider, filters: { ownerId: outsider }, targetType: "ABSOLUTE", targetValue: 10 }), NOW))).toBe("ForbiddenError");
    expect(await code(createGoal(actor("SALES_MANAGER"), goal({ ownerUserId: null, ownerTeamId: otherTeam, filters: {}, targetType: "ABSOLUTE", targetValue: 10 }), NOW))).toBe("ForbiddenError");
    expect(await code(createGoal(actor("CRM_MANAGER"), goal({ ownerUserId: outsider, filters: { ownerId: outsider }, targetType: "ABSOLUTE", targetValue: 10 }), NOW))).toBe("OK");
    expect(await code(createGoal(actor("SALES_MANAGER"), goal({ ownerUserId: goalRep, ownerTeamId: f.alpha.teamId }), NOW))).toBe("UserError");
  });

  it("staff may not create goals; the tRPC procedure refuses them with FORBIDDEN and changes nothing", async () => {
    const before = await fingerprint(t.db, f.alpha.organizationId);
    for (const role of ["SALES_REP", "SUPPORT_AGENT"] as const) {
      expect(await code(callerAs(t.db, f.alpha, role).goals.create({ ...goal(), targetType: "ABSOLUTE", targetValue: 10 }))).toBe("FORBIDDEN");
    }
    expect(await fingerprint(t.db, f.alpha.organizationId)).toBe(before);
  });

  it("bad input is a 400 naming the field and changes nothing", async () => {
    const sales = callerAs(t.db, f.alpha, "SALES_MANAGER");
    const before = await fingerprint(t.db, f.alpha.organizationId);
    const bad = async (over: Partial<GoalInput>) => {
      try {
        await sales.goals.create({ ...goal(), ...over });
        return "OK";
      } catch (e) {
        return `${(e as TRPCError).code} ${(e as TRPCError).message}`;
      }
    };
    expect(await bad({ deadline: d("2025-04-01") })).toMatch(/^BAD_REQUEST deadline: must be on or after the start date/);
    expect(await bad({ kpiId: "no_such_kpi" })).toMatch(/^BAD_REQUEST kpiId/);
    expect(await bad({ filters: { source: "web" } })).toMatch(/^BAD_REQUEST filters.source/);
    expect(await bad({ filters: { ownerId: f.beta.users.SALES_REP.userId } })).toMatch(/^BAD_REQUEST filters.ownerId: no such member/);
    expect(await bad({ ownerUserId: f.beta.users.SALES_REP.userId })).toMatch(/^BAD_REQUEST ownerUserId/);
    expect(await bad({ title: "" })).toMatch(/^BAD_REQUEST[\s\S]*title[\s\S]*give the goal a title/);
    expect(await fingerprint(t.db, f.alpha.organizationId)).toBe(before);
  });
});

describe("who sees which goal", () => {
  it("staff see the goals that concern them, not the others", async () => {
    const mine = await createGoal(actor("CRM_MANAGER"), goal({ title: "Goal Rep's own goal" }), NOW);
    const outside = await createGoal(actor("CRM_MANAGER"), goal({ title: "Outsider's goal", ownerUserId: outsider, filters: { ownerId: outsider }, targetType: "ABSOLUTE", targetValue: 10 }), NOW);
    const rep = actor("SALES_REP", goalRep);
    const titles = (await listGoals(rep, { includeArchived: false }, NOW)).map((g) => g.title);
    expect(titles).toContain("Goal Rep's own goal");
    expect(titles).toContain(`ALPHA-SECRET Goal 1: reduce churn`); // the team's goal
    expect(titles).not.toContain("Outsider's goal");
    expect((await getGoal(rep, mine.id, NOW)).canManage).toBe(false);
    expect(await code(getGoal(rep, outside.id, NOW))).toBe("NotFoundError");
    // the sales manager does not see a goal of another team's rep either; the CRM manager sees everything
    expect(await code(getGoal(actor("SALES_MANAGER"), outside.id, NOW))).toBe("NotFoundError");
    expect((await listGoals(actor("CRM_MANAGER"), { includeArchived: false }, NOW)).map((g) => g.title)).toContain("Outsider's goal");
  });

  it("a manager cannot edit or review a goal on a KPI outside their role, even when they can see it", async () => {
    const { id } = await createGoal(actor("SALES_MANAGER"), goal({ title: "Sales manager's revenue", ownerUserId: f.alpha.users.SALES_MANAGER.userId }), NOW);
    const support = actor("SUPPORT_MANAGER");
    expect((await getGoal(support, id, NOW)).canManage).toBe(false);
    expect(await code(checkInGoal(support, { goalId: id, note: "", isReview: false }, NOW))).toBe("ForbiddenError");
    expect(await code(archiveGoal(support, { goalId: id, archived: true }, NOW))).toBe("ForbiddenError");
    expect(await code(updateGoal(support, { ...goal(), goalId: id }, NOW))).toBe("ForbiddenError");
  });
});

describe("check-ins, archive, goals at risk", () => {
  it("records the value and status with a note; a review needs a note; history is kept", async () => {
    const a = actor("SALES_MANAGER");
    const { id } = await createGoal(a, goal({ title: "Reviewed goal", cadence: "QUARTERLY" }), NOW);
    await expect(checkInGoal(a, { goalId: id, note: "", isReview: true }, NOW)).rejects.toThrow(/note: a review needs a note/);
    const c = await checkInGoal(a, { goalId: id, note: "Demos booked, pipeline thin", isReview: true }, NOW);
    expect(c).toMatchObject({ value: 1000, status: "OFF_TRACK" });
    const later = new Date("2025-07-10T09:00:00Z");
    await checkInGoal(a, { goalId: id, note: "", isReview: false }, later);
    const g = await getGoal(a, id, later);
    expect(g.checkIns.map((x) => x.note)).toEqual(["", "Demos booked, pipeline thin"]);
    expect(g.nextReviewDue).toEqual(d("2025-09-20")); // a quarter after the last review (Jun 20)
    expect(g.chart.some((p) => p.checkIn === 1000)).toBe(true);
  });

  it("lists at-risk goals for the CRM manager and the people concerned; archived goals leave the lists", async () => {
    const { id } = await createGoal(actor("SALES_MANAGER"), goal({ title: "Off-track revenue" }), NOW);
    const forCrm = await listGoalsAtRisk(actor("CRM_MANAGER"), NOW);
    expect(forCrm.find((g) => g.id === id)?.progress?.status).toBe("OFF_TRACK");
    expect((await listGoalsAtRisk(actor("SALES_REP", goalRep), NOW)).map((g) => g.id)).toContain(id);
    expect((await listGoalsAtRisk(actor("SALES_REP", outsider), NOW)).map((g) => g.id)).not.toContain(id);
    await archiveGoal(actor("SALES_MANAGER"), { goalId: id, archived: true }, NOW);
    expect((await listGoalsAtRisk(actor("CRM_MANAGER"), NOW)).map((g) => g.id)).not.toContain(id);
    expect((await listGoals(actor("CRM_MANAGER"), { includeArchived: false }, NOW)).map((g) => g.id)).not.toContain(id);
    expect((await listGoals(actor("CRM_MANAGER"), { includeArchived: true }, NOW)).map((g) => g.id)).toContain(id);
    await expect(checkInGoal(actor("SALES_MANAGER"), { goalId: id, note: "x", isReview: false }, NOW)).rejects.toThrow(/archived/);
  });
});

describe("team roll-up", () => {
  it("an additive KPI shows each member's contribution to the total", async () => {
    const { id } = await createGoal(actor("SALES_MANAGER"), goal({ title: "Team revenue", ownerUserId: null, ownerTeamId: f.alpha.teamId, filters: { teamId: f.alpha.teamId }, targetType: "ABSOLUTE", targetValue: 5000 }), NOW);
    const g = await getGoal(actor("SALES_MANAGER"), id, NOW);
    expect(g.rollup?.additive).toBe(true);
    const by = new Map(g.rollup!.members.map((m) => [m.userId, m]));
    expect(by.get(goalRep)).toMatchObject({ value: 1000 });
    expect(by.get(teamRep)).toMatchObject({ value: 500 });
    const total = g.rollup!.members.reduce((s, m) => s + (m.value ?? 0), 0);
    expect(total).toBe(g.progress.current); // the members add up to the team's value
    expect(by.get(goalRep)!.share).toBeCloseTo((1000 / total) * 100, 8);
  });

  it("a ratio shows each member's own value and no share", async () => {
    const { id } = await createGoal(actor("SALES_MANAGER"), goal({ title: "Team win rate", kpiId: "win_rate", ownerUserId: null, ownerTeamId: f.alpha.teamId, filters: { teamId: f.alpha.teamId }, targetType: "ABSOLUTE", targetValue: 80 }), NOW);
    const g = await getGoal(actor("SALES_MANAGER"), id, NOW);
    expect(g.rollup?.additive).toBe(false);
    const by = new Map(g.rollup!.members.map((m) => [m.userId, m]));
    expect(by.get(goalRep)).toMatchObject({ value: 100, share: null }); // 2 won of 2 closed in the window
    expect(by.get(teamRep)).toMatchObject({ value: 50, share: null }); // 1 won, 1 lost
  });
});
