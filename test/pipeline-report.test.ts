// The pipeline report and the stage settings on a real database, on an organization built here with a known
// history (every expected number below is worked out by hand in the comments).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Role } from "@/server/auth/permissions";
import { tenantDb } from "@/server/db/tenant";
import { DEFAULT_PIPELINE_STAGES } from "@/server/org/defaults";
import { getPipelineReport, listStageDeals } from "@/server/pipeline/report";
import { createStage, deleteStage, moveStage, updateStage } from "@/server/pipeline/stages";
import { createTestDb, type TestDb } from "./db";
import { callerFor, createFixtures, fixturePasswordHash, fingerprint, type Fixtures } from "./fixtures";

const NOW = new Date("2026-06-30T00:00:00Z");
const JUNE = { start: new Date("2026-06-01T00:00:00Z"), end: new Date("2026-07-01T00:00:00Z") };
const day = (d: string) => new Date(`2026-${d}T00:00:00Z`);

let t: TestDb;
let f: Fixtures;
type StageKey = "P" | "Q" | "N" | "Pr" | "Ng" | "W" | "L";
type DealKey = "D1" | "D2" | "D3" | "D4" | "D5" | "D6" | "D7" | "D8" | "D9" | "D11";
type Org = { id: string; users: Record<"CRM_MANAGER" | "SALES_MANAGER" | "SALES_REP" | "SUPPORT_MANAGER", string>; stages: Record<StageKey, string>; deals: Record<DealKey, string> };
let g: Org;

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? `${e.code}: ${e.message}` : String(e);
  }
}

const actor = (role: keyof Org["users"]) => ({ db: tenantDb(t.db, g.id), userId: g.users[role], role: role as Role, organizationId: g.id });
const callerOf = (role: keyof Org["users"]) => callerFor(t.db, { userId: g.users[role], organizationId: g.id });

/**
 * Stages P(rospecting) 1, Q(ualification) 2, N(eeds Analysis) 3, Pr(oposal) 4, Ng (Negotiation) 5, Won 6, Lost 7.
 * Deals (owner rep unless said; history = the day each stage was entered, all in June 2026; now = June 30):
 *   D1 1000  P 01, Q 05, N 10                  open in N (20 days); activity created 06-20     -> followed up
 *   D2 2000  P 02, Q 08, N 20                  open in N (10 days); activity created 05-01, done 06-25 -> followed up
 *   D3 3000  P 03, N 24 (skips Q)              open in N (6 days);  activity created 06-10, and a deleted one 06-29 -> not
 *   D4  400  P 28                              open in P (2 days)
 *   D5  500  P 12, Q 15                        open in Q (15 days)
 *   D6  600  P 03, Q 06, N 16, Pr 26           open in Pr (4 days)
 *   D7  700  P 01, Q 04, Pr 08, Won 18         won
 *   D8  800  P 05, Lost 07                     lost
 *   D9  500  P 29, owner: the sales manager    open in P (1 day)
 *   D11 900  P 01, N 05, deleted               ignored everywhere
 */
async function buildOrg(db: PrismaClient): Promise<Org> {
  const o = await db.organization.create({ data: { name: "Gamma Selling", slug: `gamma-${Math.random().toString(36).slice(2, 8)}` }, select: { id: true } });
  const passwordHash = await fixturePasswordHash();
  const users = {} as Org["users"];
  for (const role of ["CRM_MANAGER", "SALES_MANAGER", "SALES_REP", "SUPPORT_MANAGER"] as const) {
    const u = await db.user.create({ data: { email: `${role.toLowerCase()}-${o.id}@gamma.test`, name: `Gamma ${role}`, passwordHash }, select: { id: true } });
    await db.membership.create({ data: { organizationId: o.id, userId: u.id, role } });
    users[role] = u.id;
  }
  await db.pipelineStage.createMany({ data: DEFAULT_PIPELINE_STAGES.map((s) => ({ ...s, organizationId: o.id })) });
  const rows = await db.pipelineStage.findMany({ where: { organizationId: o.id }, select: { id: true, name: true } });
  const byName = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  const stages: Record<StageKey, string> = { P: byName.Prospecting!, Q: byName.Qualification!, N: byName["Needs Analysis"]!, Pr: byName.Proposal!, Ng: byName.Negotiation!, W: byName["Closed Won"]!, L: byName["Closed Lost"]! };
  const deals = {} as Record<DealKey, string>;
  const deal = async (key: DealKey, amount: number, path: [StageKey, string][], opts: { owner?: string; deleted?: boolean } = {}) => {
    const last = path[path.length - 1]![0];
    const status = last === "W" ? "WON" : last === "L" ? "LOST" : "OPEN";
    const d = await db.deal.create({
      data: {
        organizationId: o.id, name: `Gamma ${key}`, amount, ownerId: opts.owner ?? users.SALES_REP, stageId: stages[last], status,
        openedAt: day(path[0]![1]), closedAt: status === "OPEN" ? null : day(path[path.length - 1]![1]), deletedAt: opts.deleted ? NOW : null,
      },
      select: { id: true },
    });
    let from: string | null = null;
    for (const [s, at] of path) {
      await db.dealStageChange.create({ data: { organizationId: o.id, dealId: d.id, fromStageId: from, toStageId: stages[s], changedAt: day(at) } });
      from = stages[s];
    }
    deals[key] = d.id;
  };
  await deal("D1", 1000, [["P", "06-01"], ["Q", "06-05"], ["N", "06-10"]]);
  await deal("D2", 2000, [["P", "06-02"], ["Q", "06-08"], ["N", "06-20"]]);
  await deal("D3", 3000, [["P", "06-03"], ["N", "06-24"]]);
  await deal("D4", 400, [["P", "06-28"]]);
  await deal("D5", 500, [["P", "06-12"], ["Q", "06-15"]]);
  await deal("D6", 600, [["P", "06-03"], ["Q", "06-06"], ["N", "06-16"], ["Pr", "06-26"]]);
  await deal("D7", 700, [["P", "06-01"], ["Q", "06-04"], ["Pr", "06-08"], ["W", "06-18"]]);
  await deal("D8", 800, [["P", "06-05"], ["L", "06-07"]]);
  await deal("D9", 500, [["P", "06-29"]], { owner: users.SALES_MANAGER });
  await deal("D11", 900, [["P", "06-01"], ["N", "06-05"]], { deleted: true });
  const activity = (dealId: string, createdAt: Date, doneAt: Date | null, deletedAt: Date | null = null) =>
    db.activity.create({ data: { organizationId: o.id, type: "FOLLOW_UP", subject: "Follow up", dealId, ownerId: users.SALES_REP, createdAt, doneAt, deletedAt } });
  await activity(deals.D1, day("06-20"), null);
  await activity(deals.D2, day("05-01"), day("06-25"));
  await activity(deals.D3, day("06-10"), null);
  await activity(deals.D3, day("06-29"), null, day("06-29"));
  return { id: o.id, users, stages, deals };
}

beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
  g = await buildOrg(t.db);
});
afterAll(async () => t?.close());

describe("pipeline report: open deals now and the bottleneck", () => {
  it("counts open deals per stage with value, share, time in stage and follow-up (manager: all deals)", async () => {
    const r = await getPipelineReport(actor("SALES_MANAGER"), { period: JUNE }, NOW);
    const row = (id: string) => r.open.find((s) => s.stageId === id)!;
    expect(r.open.map((s) => s.name)).toEqual(["Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation"]);
    // P: D4 (2 days) + D9 (1 day): 2 deals, 400 + 500 = 900, avg 1.5 days, 2 of 7 open
    expect(row(g.stages.P)).toMatchObject({ deals: 2, value: 900, followedUp: 0, followUpRate: 0 });
    expect(row(g.stages.P).avgDaysInStage).toBeCloseTo(1.5, 6);
    expect(row(g.stages.P).share).toBeCloseTo((2 / 7) * 100, 6);
    // Q: D5 since 06-15 = 15 days
    expect(row(g.stages.Q)).toMatchObject({ deals: 1, value: 500 });
    expect(row(g.stages.Q).avgDaysInStage).toBeCloseTo(15, 6);
    // N: D1 20 + D2 10 + D3 6 days = 36 / 3 = 12; value 6000; D1 and D2 followed up (D3's recent activity is deleted)
    expect(row(g.stages.N)).toMatchObject({ deals: 3, value: 6000, followedUp: 2 });
    expect(row(g.stages.N).avgDaysInStage).toBeCloseTo(12, 6);
    expect(row(g.stages.N).followUpRate).toBeCloseTo((2 / 3) * 100, 6);
    expect(row(g.stages.N).share).toBeCloseTo((3 / 7) * 100, 6);
    // Pr: D6 since 06-26 = 4 days; Ng: empty
    expect(row(g.stages.Pr)).toMatchObject({ deals: 1, value: 600 });
    expect(row(g.stages.Pr).avgDaysInStage).toBeCloseTo(4, 6);
    expect(row(g.stages.Ng)).toMatchObject({ deals: 0, value: 0, avgDaysInStage: null, followUpRate: null });
  });

  it("flags the stage with the largest share of open deals and says why", async () => {
    const manager = await getPipelineReport(actor("SALES_MANAGER"), { period: JUNE }, NOW);
    // 3 of 7 open deals = 42.86% -> "43%"; next largest: Prospecting 2 of 7 = 28.57%
    expect(manager.bottleneck).toMatchObject({ stageId: g.stages.N, name: "Needs Analysis", deals: 3, totalOpen: 7, followedUp: 2, runnerUp: { name: "Prospecting" } });
    expect(manager.bottleneck!.runnerUp!.share).toBeCloseTo((2 / 7) * 100, 6);
    expect(manager.bottleneck!.sentence).toBe("43% of open deals (3 of 7) sit in Needs Analysis, for 12 days on average; only 67% of them (2 of 3) had a follow-up (an activity) in the last 14 days.");
    // the rep sees only their own deals: D9 (the manager's) is out, so 3 of 6 = 50%
    const rep = await getPipelineReport(actor("SALES_REP"), { period: JUNE, ownerId: g.users.SALES_MANAGER }, NOW);
    expect(rep.bottleneck!.sentence).toBe("50% of open deals (3 of 6) sit in Needs Analysis, for 12 days on average; only 67% of them (2 of 3) had a follow-up (an activity) in the last 14 days.");
  });

  it("lists exactly the deals behind the bottleneck, and those without a follow-up", async () => {
    const all = await listStageDeals(actor("SALES_MANAGER"), { stageId: g.stages.N }, NOW);
    // longest in the stage first: D1 20 days, D2 10, D3 6
    expect(all.deals.map((d) => d.id)).toEqual([g.deals.D1, g.deals.D2, g.deals.D3]);
    expect(all.deals.map((d) => Math.round(d.daysInStage!))).toEqual([20, 10, 6]);
    expect(all.deals.map((d) => d.followedUp)).toEqual([true, true, false]);
    const without = await listStageDeals(actor("SALES_MANAGER"), { stageId: g.stages.N, withoutFollowUp: true }, NOW);
    expect(without.deals.map((d) => d.id)).toEqual([g.deals.D3]);
    // the totals behind the numbers: 3 open deals in N, 1 of them without a follow-up; nothing cut off
    expect([all.total, all.truncated, without.total]).toEqual([3, false, 1]);
    const repP = await listStageDeals(actor("SALES_REP"), { stageId: g.stages.P }, NOW);
    expect(repP.deals.map((d) => d.id)).toEqual([g.deals.D4]);
  });

  it("has no bottleneck when nothing is open", async () => {
    const r = await getPipelineReport(actor("SALES_MANAGER"), { period: JUNE, ownerId: g.users.CRM_MANAGER }, NOW);
    expect(r.open.every((s) => s.deals === 0)).toBe(true);
    expect(r.bottleneck).toBeNull();
  });
});

describe("pipeline report: flow through the stages in the period", () => {
  it("computes entered, time in stage and conversion to a further stage (hand-computed)", async () => {
    const r = await getPipelineReport(actor("SALES_MANAGER"), { period: JUNE }, NOW);
    const row = (id: string) => r.flow.find((s) => s.stageId === id)!;
    // P: D1..D9 entered (9; D11 is deleted); value 1000+2000+3000+400+500+600+700+800+500 = 9500
    //    stints 4 + 6 + 21 + 2 + 3 + 3 + 3 + 2 + 1 = 45 days / 9 = 5.0; advanced: D1 D2 D3 D5 D6 D7 = 6 of 9
    expect(row(g.stages.P)).toMatchObject({ entered: 9, enteredValue: 9500, advanced: 6 });
    expect(row(g.stages.P).avgDaysInStage).toBeCloseTo(5, 6);
    expect(row(g.stages.P).conversion).toBeCloseTo((6 / 9) * 100, 6);
    // Q: D1 (5 days) D2 (12) D5 (15, still there) D6 (10) D7 (4) = 46 / 5 = 9.2; value 4800; all but D5 moved on: 4 of 5
    expect(row(g.stages.Q)).toMatchObject({ entered: 5, enteredValue: 4800, advanced: 4, conversion: 80 });
    expect(row(g.stages.Q).avgDaysInStage).toBeCloseTo(9.2, 6);
    // N: D1 (20) D2 (10) D3 (6) D6 (10) = 46 / 4 = 11.5; value 6600; only D6 moved on: 1 of 4 = 25%
    expect(row(g.stages.N)).toMatchObject({ entered: 4, enteredValue: 6600, advanced: 1, conversion: 25 });
    expect(row(g.stages.N).avgDaysInStage).toBeCloseTo(11.5, 6);
    // Pr: D6 (4 days, still there) D7 (10, then won) = 7; 1 of 2 = 50%; Ng: nobody
    expect(row(g.stages.Pr)).toMatchObject({ entered: 2, enteredValue: 1300, advanced: 1, conversion: 50 });
    expect(row(g.stages.Pr).avgDaysInStage).toBeCloseTo(7, 6);
    expect(row(g.stages.Ng)).toMatchObject({ entered: 0, advanced: 0, conversion: null, avgDaysInStage: null });
  });

  it("scopes the flow to the rep's own deals", async () => {
    const r = await getPipelineReport(actor("SALES_REP"), { period: JUNE }, NOW);
    // without D9 (1 day in P, not advanced): 8 entered, 44 / 8 = 5.5 days, 6 of 8 = 75%
    const p = r.flow.find((s) => s.stageId === g.stages.P)!;
    expect(p).toMatchObject({ entered: 8, advanced: 6, conversion: 75 });
    expect(p.avgDaysInStage).toBeCloseTo(5.5, 6);
  });

  it("counts nothing outside the period", async () => {
    const r = await getPipelineReport(actor("SALES_MANAGER"), { period: { start: new Date("2026-05-01T00:00:00Z"), end: JUNE.start } }, NOW);
    expect(r.flow.map((s) => s.entered)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("pipeline report access", () => {
  it("is open to the sales roles and refused to support roles", async () => {
    expect(await code(callerOf("SALES_MANAGER").pipeline.getReport({ period: { preset: "this_year" } }))).toBe("OK");
    expect(await code(callerOf("SALES_REP").pipeline.getReport({ period: { preset: "this_year" } }))).toBe("OK");
    expect(await code(callerOf("SUPPORT_MANAGER").pipeline.getReport({ period: { preset: "this_year" } }))).toMatch(/^FORBIDDEN/);
    expect(await code(callerOf("SUPPORT_MANAGER").pipeline.listStageDeals({ stageId: g.stages.N }))).toMatch(/^FORBIDDEN/);
  });

  it("never shows another organization's stage or deals", async () => {
    const beta = callerFor(t.db, { userId: f.beta.users.CRM_MANAGER.userId, organizationId: f.beta.organizationId });
    expect(await code(beta.pipeline.listStageDeals({ stageId: g.stages.N }))).toMatch(/^BAD_REQUEST: stageId: no such stage/);
    // Beta's CRM manager claiming Gamma's organization is not a member of it
    const claim = callerFor(t.db, { userId: f.beta.users.CRM_MANAGER.userId, organizationId: g.id });
    expect(await code(claim.pipeline.getReport({ period: { preset: "this_year" } }))).toMatch(/^FORBIDDEN/);
  });
});

describe("stage settings", () => {
  const stageRows = () => t.db.pipelineStage.findMany({ where: { organizationId: g.id }, orderBy: { position: "asc" }, select: { id: true, name: true, position: true, probability: true, kind: true } });
  const audits = (entityType: string) => t.db.auditLog.count({ where: { organizationId: g.id, entityType } });

  it("adds an open stage after the last open one, renames it and sets its probability, with audit entries", async () => {
    const before = await audits("PipelineStage");
    const { stageId } = await createStage(actor("SALES_MANAGER"), { name: "  Demo   scheduled ", probability: 50 });
    let rows = await stageRows();
    expect(rows.map((r) => `${r.position}:${r.name}`)).toEqual([
      "1:Prospecting", "2:Qualification", "3:Needs Analysis", "4:Proposal", "5:Negotiation", "6:Demo scheduled", "7:Closed Won", "8:Closed Lost",
    ]);
    await updateStage(actor("CRM_MANAGER"), { stageId, name: "Demo", probability: 55 });
    rows = await stageRows();
    expect(rows.find((r) => r.id === stageId)).toMatchObject({ name: "Demo", probability: 55 });
    expect(await audits("PipelineStage")).toBe(before + 2);
    const log = await t.db.auditLog.findFirst({ where: { organizationId: g.id, entityType: "PipelineStage", entityId: stageId, action: "update" } });
    expect(log?.changes).toEqual({ name: { from: "Demo scheduled", to: "Demo" }, probability: { from: 50, to: 55 } });
  });

  it("refuses a duplicate name, a bad probability and an empty name, naming the field and changing nothing", async () => {
    const before = JSON.stringify(await stageRows());
    await expect(createStage(actor("SALES_MANAGER"), { name: "needs analysis", probability: 10 })).rejects.toThrow(/^name: a stage named "needs analysis" already exists/);
    await expect(updateStage(actor("SALES_MANAGER"), { stageId: g.stages.P, probability: 101 })).rejects.toThrow(/^probability:/);
    await expect(updateStage(actor("SALES_MANAGER"), { stageId: g.stages.P, name: "   " })).rejects.toThrow(/^name:/);
    const r = await code(callerOf("SALES_MANAGER").pipeline.updateStage({ stageId: g.stages.P, probability: Number.NaN }));
    // zod's issue names the field (the HTTP error formatter turns it into "probability: ...")
    expect(r).toMatch(/^BAD_REQUEST/);
    expect(r).toContain('"probability"');
    expect(r).toContain("Enter a whole number of percent.");
    expect(JSON.stringify(await stageRows())).toBe(before);
  });

  it("reorders open stages only, among open stages", async () => {
    await moveStage(actor("SALES_MANAGER"), { stageId: g.stages.N, direction: "up" });
    let rows = await stageRows();
    expect(rows.slice(0, 3).map((r) => r.name)).toEqual(["Prospecting", "Needs Analysis", "Qualification"]);
    await moveStage(actor("SALES_MANAGER"), { stageId: g.stages.N, direction: "down" });
    rows = await stageRows();
    expect(rows.slice(0, 3).map((r) => r.name)).toEqual(["Prospecting", "Qualification", "Needs Analysis"]);
    // the first open stage going up stays where it is
    expect(await moveStage(actor("SALES_MANAGER"), { stageId: g.stages.P, direction: "up" })).toMatchObject({ changed: false });
    await expect(moveStage(actor("SALES_MANAGER"), { stageId: g.stages.W, direction: "up" })).rejects.toThrow(/^stageId: won and lost stages stay at the end/);
  });

  it("refuses to remove a stage holding deals without a target, or with a target of another kind", async () => {
    const before = await fingerprint(t.db, g.id);
    // N holds D1, D2, D3 and the deleted D11: 4 deals
    await expect(deleteStage(actor("SALES_MANAGER"), { stageId: g.stages.N })).rejects.toThrow(/^targetStageId: 4 deals sit in "Needs Analysis"; choose the stage/);
    await expect(deleteStage(actor("SALES_MANAGER"), { stageId: g.stages.N, targetStageId: g.stages.W })).rejects.toThrow(/^targetStageId: "Closed Won" is a won stage; the deals of "Needs Analysis" can only move to another open stage/);
    await expect(deleteStage(actor("SALES_MANAGER"), { stageId: g.stages.W, targetStageId: g.stages.L })).rejects.toThrow(/^stageId: "Closed Won" is the only won stage/);
    expect(await fingerprint(t.db, g.id)).toBe(before);
  });

  it("removes a stage, moving its deals (history and audit per deal) to the target", async () => {
    const changesBefore = await t.db.dealStageChange.count({ where: { organizationId: g.id } });
    const dealAudits = await audits("Deal");
    const r = await deleteStage(actor("CRM_MANAGER"), { stageId: g.stages.N, targetStageId: g.stages.Pr }, NOW);
    expect(r).toMatchObject({ movedDeals: 4, targetStageId: g.stages.Pr });
    expect(await t.db.deal.count({ where: { organizationId: g.id, stageId: g.stages.Pr } })).toBe(5); // D6 + the 4 moved
    expect(await t.db.dealStageChange.count({ where: { organizationId: g.id } })).toBe(changesBefore + 4);
    expect(await t.db.dealStageChange.count({ where: { organizationId: g.id, toStageId: g.stages.Pr, changedAt: NOW } })).toBe(4);
    expect(await audits("Deal")).toBe(dealAudits + 4);
    // the history keeps the old stints, with the stage gone
    expect(await t.db.dealStageChange.count({ where: { organizationId: g.id, toStageId: null } })).toBe(5);
    const rows = await stageRows();
    expect(rows.map((x) => `${x.position}:${x.name}`)).toEqual(["1:Prospecting", "2:Qualification", "3:Proposal", "4:Negotiation", "5:Demo", "6:Closed Won", "7:Closed Lost"]);
    const log = await t.db.auditLog.findFirst({ where: { organizationId: g.id, entityType: "PipelineStage", entityId: g.stages.N, action: "delete" } });
    expect(log?.changes).toMatchObject({ name: "Needs Analysis", movedDeals: 4, targetStage: "Proposal" });
    // removing it again (a double submit) is harmless
    expect(await deleteStage(actor("CRM_MANAGER"), { stageId: g.stages.N })).toMatchObject({ alreadyRemoved: true });
    // the report still works: Proposal now holds D1 D2 D3 D6 (4 open deals of 7)
    const report = await getPipelineReport(actor("SALES_MANAGER"), { period: JUNE }, NOW);
    expect(report.bottleneck).toMatchObject({ name: "Proposal", deals: 4, totalOpen: 7 });
  });

  it("is for the CRM and sales managers only, and only in their organization", async () => {
    expect(await code(callerOf("SALES_REP").pipeline.createStage({ name: "Rep stage", probability: 10 }))).toMatch(/^FORBIDDEN/);
    expect(await code(callerOf("SUPPORT_MANAGER").pipeline.listStages())).toMatch(/^FORBIDDEN/);
    expect(await code(callerOf("SALES_MANAGER").pipeline.listStages())).toBe("OK");
    const beta = callerFor(t.db, { userId: f.beta.users.CRM_MANAGER.userId, organizationId: f.beta.organizationId });
    const before = await fingerprint(t.db, g.id);
    expect(await code(beta.pipeline.updateStage({ stageId: g.stages.P, name: "Hijacked" }))).toMatch(/^NOT_FOUND/);
    expect(await code(beta.pipeline.deleteStage({ stageId: g.stages.Q, targetStageId: g.stages.P }))).toMatch(/^NOT_FOUND/);
    expect(await fingerprint(t.db, g.id)).toBe(before);
  });
});
