// Sales automation rules on a real database: each condition and action, once per event, the idle sweep with a
// fixed clock, the dry run writing nothing, the 500 example end to end through the records procedures, and access.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { fireAutomation, type AutomationDb, type AutomationEvent } from "@/server/automation/fire";
import { findMatches } from "@/server/automation/match";
import { sweepIdleRules } from "@/server/automation/sweep";
import type { Condition, RuleAction } from "@/server/automation/rule-input";
import { createTestDb, type TestDb } from "./db";
import { callerAs, createFixtures, fingerprint, type Fixtures } from "./fixtures";

let t: TestDb;
let f: Fixtures;
beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
});
afterAll(async () => t?.close());

const org = () => f.alpha.organizationId;
const rep = () => f.alpha.users.SALES_REP.userId;

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
    return { code: "OK", message: "" };
  } catch (e) {
    // a zod failure reads as the API sends it (src/server/api/trpc.ts errorFormatter): "field: message; ..."
    if (e instanceof TRPCError && e.cause instanceof ZodError) return { code: e.code, message: e.cause.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
    if (e instanceof TRPCError) return { code: e.code, message: e.message };
    throw e;
  }
}

async function newDeal(name: string, amount: number, opts: { ownerId?: string | null; leadId?: string | null; stageId?: string } = {}) {
  const d = await t.db.deal.create({
    data: { organizationId: org(), name, amount, ownerId: opts.ownerId === undefined ? rep() : opts.ownerId, leadId: opts.leadId ?? null, stageId: opts.stageId ?? f.alpha.stageIds[0]! },
    select: { id: true },
  });
  return d.id;
}
async function newLead(lastName: string, opts: { source?: string; score?: number; ownerId?: string | null; status?: "NEW" | "CONTACTED" | "QUALIFIED" } = {}) {
  const l = await t.db.lead.create({
    data: { organizationId: org(), firstName: "Auto", lastName, source: opts.source ?? "web", score: opts.score ?? 0, ownerId: opts.ownerId === undefined ? rep() : opts.ownerId, status: opts.status ?? "NEW" },
    select: { id: true },
  });
  return l.id;
}

/** An active rule straight in the table (the procedures are tested below); switched off again by `off`. */
async function rule(entity: "DEAL" | "LEAD", trigger: "CREATED" | "STAGE_CHANGED" | "VALUE_CHANGED" | "SCORE_CHANGED" | "IDLE", conditions: Condition[], actions: RuleAction[] | object[], idleDays: number | null = null, organizationId = org()) {
  const r = await t.db.automationRule.create({ data: { organizationId, name: `Test rule ${Math.random().toString(36).slice(2, 7)}`, entity, trigger, idleDays, conditions, actions: actions as object[], active: true }, select: { id: true } });
  return r.id;
}
async function off(ruleId: string) {
  await t.db.automationRule.update({ where: { id: ruleId }, data: { active: false } });
}
function fire(e: Omit<AutomationEvent, "organizationId" | "actorId"> & { organizationId?: string }) {
  return t.db.$transaction((tx) => fireAutomation(tx as unknown as AutomationDb, { organizationId: org(), actorId: rep(), ...e }));
}
const matches = async (entity: "DEAL" | "LEAD", id: string, conditions: Condition[]) =>
  (await findMatches(t.db as unknown as AutomationDb, { organizationId: org(), entity, conditions, recordId: id })).length === 1;

describe("conditions (all must hold)", () => {
  it("value above / below (strict) on a deal's amount", async () => {
    const d800 = await newDeal("Cond 800", 800);
    const d500 = await newDeal("Cond 500", 500);
    expect(await matches("DEAL", d800, [{ field: "value", op: "gt", value: 500 }])).toBe(true);
    expect(await matches("DEAL", d800, [{ field: "value", op: "lt", value: 500 }])).toBe(false);
    // exactly 500 is neither above nor below 500
    expect(await matches("DEAL", d500, [{ field: "value", op: "gt", value: 500 }])).toBe(false);
    expect(await matches("DEAL", d500, [{ field: "value", op: "lt", value: 500 }])).toBe(false);
    expect(await matches("DEAL", d500, [{ field: "value", op: "lt", value: 500.01 }])).toBe(true);
  });

  it("score above / below on a lead", async () => {
    const l = await newLead("Score 70", { score: 70 });
    expect(await matches("LEAD", l, [{ field: "score", op: "gt", value: 69 }])).toBe(true);
    expect(await matches("LEAD", l, [{ field: "score", op: "gt", value: 70 }])).toBe(false);
    expect(await matches("LEAD", l, [{ field: "score", op: "lt", value: 71 }])).toBe(true);
  });

  it("source is / is not, trimmed and case-insensitive; a deal's source is its lead's", async () => {
    const l = await newLead("Source", { source: "Referral " });
    expect(await matches("LEAD", l, [{ field: "source", op: "is", value: "referral" }])).toBe(true);
    expect(await matches("LEAD", l, [{ field: "source", op: "isNot", value: "referral" }])).toBe(false);
    expect(await matches("LEAD", l, [{ field: "source", op: "isNot", value: "web" }])).toBe(true);
    const withLead = await newDeal("Source deal", 100, { leadId: l });
    const noLead = await newDeal("No lead deal", 100);
    expect(await matches("DEAL", withLead, [{ field: "source", op: "is", value: "REFERRAL" }])).toBe(true);
    expect(await matches("DEAL", noLead, [{ field: "source", op: "is", value: "referral" }])).toBe(false);
    expect(await matches("DEAL", noLead, [{ field: "source", op: "isNot", value: "referral" }])).toBe(true);
  });

  it("stage is / is not: a deal's stage, a lead's status", async () => {
    const d = await newDeal("Stage", 100, { stageId: f.alpha.stageIds[1]! });
    expect(await matches("DEAL", d, [{ field: "stage", op: "is", value: f.alpha.stageIds[1]! }])).toBe(true);
    expect(await matches("DEAL", d, [{ field: "stage", op: "is", value: f.alpha.stageIds[0]! }])).toBe(false);
    expect(await matches("DEAL", d, [{ field: "stage", op: "isNot", value: f.alpha.stageIds[0]! }])).toBe(true);
    const l = await newLead("Status", { status: "QUALIFIED" });
    expect(await matches("LEAD", l, [{ field: "stage", op: "is", value: "QUALIFIED" }])).toBe(true);
    expect(await matches("LEAD", l, [{ field: "stage", op: "isNot", value: "QUALIFIED" }])).toBe(false);
  });

  it("owner is / is not / none", async () => {
    const mine = await newDeal("Owner rep", 100);
    const nobody = await newDeal("Owner none", 100, { ownerId: null });
    expect(await matches("DEAL", mine, [{ field: "owner", op: "is", value: rep() }])).toBe(true);
    expect(await matches("DEAL", mine, [{ field: "owner", op: "isNot", value: rep() }])).toBe(false);
    expect(await matches("DEAL", nobody, [{ field: "owner", op: "isNot", value: rep() }])).toBe(true);
    expect(await matches("DEAL", nobody, [{ field: "owner", op: "is", value: "none" }])).toBe(true);
    expect(await matches("DEAL", mine, [{ field: "owner", op: "is", value: "none" }])).toBe(false);
    expect(await matches("DEAL", mine, [{ field: "owner", op: "isNot", value: "none" }])).toBe(true);
  });

  it("combines conditions with AND; no conditions match every record", async () => {
    const l = await newLead("And", { source: "event", score: 40 });
    expect(await matches("LEAD", l, [{ field: "source", op: "is", value: "event" }, { field: "score", op: "gt", value: 30 }])).toBe(true);
    expect(await matches("LEAD", l, [{ field: "source", op: "is", value: "event" }, { field: "score", op: "gt", value: 50 }])).toBe(false);
    expect(await matches("LEAD", l, [])).toBe(true);
  });
});

describe("actions", () => {
  it("createTask: a task of the chosen type for the owner, due after the given hours, linked to the record; skipped without an owner", async () => {
    const r = await rule("DEAL", "CREATED", [], [{ type: "createTask", activityType: "CALL", subject: "Call within 24 h", dueInHours: 24 }]);
    try {
      const now = new Date("2026-06-01T09:00:00.000Z");
      const d = await newDeal("Task deal", 900);
      const [fired] = await fire({ entity: "deal", id: d, event: "created", now });
      expect(fired?.status).toBe("DONE");
      const tasks = await t.db.activity.findMany({ where: { dealId: d }, select: { type: true, subject: true, ownerId: true, dueAt: true, doneAt: true } });
      // due = 09:00 + 24 h = the next day 09:00
      expect(tasks).toEqual([{ type: "CALL", subject: "Call within 24 h", ownerId: rep(), dueAt: new Date("2026-06-02T09:00:00.000Z"), doneAt: null }]);
      const orphan = await newDeal("Ownerless deal", 900, { ownerId: null });
      const [skipped] = await fire({ entity: "deal", id: orphan, event: "created", now });
      expect(skipped?.results).toEqual([{ action: "createTask", outcome: "skipped", detail: 'the deal "Ownerless deal" has no owner' }]);
      expect(await t.db.activity.count({ where: { dealId: orphan } })).toBe(0);
      // the task is audited as done by the system (no actor)
      expect(await t.db.auditLog.count({ where: { organizationId: org(), entityType: "Activity", actorId: null, action: "create" } })).toBeGreaterThanOrEqual(1);
    } finally {
      await off(r);
    }
  });

  it("assignUser: sets the owner (audited); a later action in the rule sees the new owner", async () => {
    const manager = f.alpha.users.SALES_MANAGER.userId;
    const r = await rule("LEAD", "CREATED", [], [
      { type: "assignUser", userId: manager },
      { type: "createTask", activityType: "TASK", subject: "Qualify", dueInHours: 2 },
    ]);
    try {
      const l = await newLead("Assign me");
      const [fired] = await fire({ entity: "lead", id: l, event: "created" });
      expect(fired?.results.map((x) => x.outcome)).toEqual(["done", "done"]);
      expect((await t.db.lead.findUnique({ where: { id: l } }))?.ownerId).toBe(manager);
      expect((await t.db.activity.findFirst({ where: { leadId: l } }))?.ownerId).toBe(manager);
      const audit = await t.db.auditLog.findFirst({ where: { entityType: "Lead", entityId: l, action: "update" } });
      expect(audit?.changes).toMatchObject({ ownerId: { from: rep(), to: manager } });
    } finally {
      await off(r);
    }
  });

  it("assignRoundRobin: the team's active members in turn (by name), the cursor kept on the rule", async () => {
    const r = await rule("LEAD", "CREATED", [], [{ type: "assignRoundRobin", teamId: f.alpha.teamId }]);
    try {
      const owners: string[] = [];
      for (let i = 0; i < 5; i++) {
        const l = await newLead(`RR ${i}`, { ownerId: null });
        await fire({ entity: "lead", id: l, event: "created" });
        owners.push((await t.db.lead.findUnique({ where: { id: l }, select: { ownerId: true } }))!.ownerId!);
      }
      // the fixture team: every role but the CRM manager; sorted by name SALES_MANAGER, SALES_REP, SUPPORT_AGENT, SUPPORT_MANAGER
      const u = f.alpha.users;
      expect(owners).toEqual([u.SALES_MANAGER.userId, u.SALES_REP.userId, u.SUPPORT_AGENT.userId, u.SUPPORT_MANAGER.userId, u.SALES_MANAGER.userId]);
      expect((await t.db.automationRule.findUnique({ where: { id: r } }))?.roundRobinCursor).toBe(5);
    } finally {
      await off(r);
    }
  });

  it("addToCampaign: a membership row (Lead.campaignId untouched); a deal acts on its lead; a deal without lead is skipped", async () => {
    const nurture = f.alpha.nurtureCampaignId;
    const r = await rule("DEAL", "CREATED", [], [{ type: "addToCampaign", campaignId: nurture }]);
    try {
      const l = await newLead("Nurture me");
      const d = await newDeal("Small deal", 300, { leadId: l });
      const [fired] = await fire({ entity: "deal", id: d, event: "created" });
      expect(fired?.results[0]).toMatchObject({ outcome: "done" });
      expect(await t.db.campaignMember.count({ where: { campaignId: nurture, leadId: l } })).toBe(1);
      expect((await t.db.lead.findUnique({ where: { id: l } }))?.campaignId).toBeNull();
      // a second deal of the same lead: already a member
      const d2 = await newDeal("Small deal 2", 300, { leadId: l });
      const [again] = await fire({ entity: "deal", id: d2, event: "created" });
      expect(again?.results[0]).toMatchObject({ outcome: "skipped", detail: expect.stringContaining("already in") });
      const lone = await newDeal("Lone deal", 300);
      const [skipped] = await fire({ entity: "deal", id: lone, event: "created" });
      expect(skipped?.results).toEqual([{ action: "addToCampaign", outcome: "skipped", detail: 'the deal "Lone deal" has no lead' }]);
      expect(await t.db.campaignMember.count({ where: { campaignId: nurture } })).toBe(1);
    } finally {
      await off(r);
    }
  });

  it("notify: a notification for the owner, listed for them only, marked read by them", async () => {
    const r = await rule("DEAL", "VALUE_CHANGED", [{ field: "value", op: "gt", value: 10000 }], [{ type: "notify", to: "owner", message: "Big deal now" }]);
    try {
      const d = await newDeal("Grows", 100);
      expect(await fire({ entity: "deal", id: d, event: "valueChanged", changeKey: "a" })).toEqual([]); // 100 is not above 10000
      await t.db.deal.update({ where: { id: d }, data: { amount: 20000 } });
      const [fired] = await fire({ entity: "deal", id: d, event: "valueChanged", changeKey: "b" });
      expect(fired?.status).toBe("DONE");
      const repApi = callerAs(t.db, f.alpha, "SALES_REP");
      const before = await repApi.notifications.countUnread();
      const list = await repApi.notifications.list();
      expect(list.items[0]?.message).toBe('Big deal now (deal "Grows")');
      expect(list.unread).toBe(before);
      expect((await callerAs(t.db, f.alpha, "SALES_MANAGER").notifications.list()).items.some((n) => n.message.includes("Grows"))).toBe(false);
      expect(await repApi.notifications.markAllRead()).toEqual({ marked: before });
      expect(await repApi.notifications.countUnread()).toBe(0);
    } finally {
      await off(r);
    }
  });

  it("an action that fails is logged on the run (FAILED) and undone; the change that fired it still commits", async () => {
    // a stored rule the form could not make (unknown task type): the database refuses the task
    const r = await rule("DEAL", "CREATED", [], [{ type: "createTask", activityType: "NOT_A_TYPE", subject: "x", dueInHours: 1 }]);
    try {
      const api = callerAs(t.db, f.alpha, "SALES_REP");
      const { id } = await api.records.create({ type: "deals", data: { name: "Survives a broken rule", amount: "700" } });
      expect(await t.db.deal.count({ where: { id } })).toBe(1);
      const run = await t.db.automationRun.findFirst({ where: { ruleId: r, recordId: id } });
      expect(run?.status).toBe("FAILED");
      expect(run?.error).toMatch(/NOT_A_TYPE|invalid input value/);
      expect(await t.db.activity.count({ where: { dealId: id } })).toBe(0);
    } finally {
      await off(r);
    }
  });
});

describe("never twice for one event", () => {
  it("a repeated event is a no-op: one run, one task", async () => {
    const r = await rule("DEAL", "CREATED", [], [{ type: "createTask", activityType: "CALL", subject: "Once", dueInHours: 1 }]);
    try {
      const d = await newDeal("Twice", 900);
      expect(await fire({ entity: "deal", id: d, event: "created" })).toHaveLength(1);
      expect(await fire({ entity: "deal", id: d, event: "created" })).toHaveLength(0);
      await Promise.all([fire({ entity: "deal", id: d, event: "created" }), fire({ entity: "deal", id: d, event: "created" })]);
      expect(await t.db.automationRun.count({ where: { ruleId: r, recordId: d } })).toBe(1);
      expect(await t.db.activity.count({ where: { dealId: d, subject: "Once" } })).toBe(1);
    } finally {
      await off(r);
    }
  });

  it("each stage move is its own event (keyed by the stage change); moving back and forth fires each time", async () => {
    const r = await rule("DEAL", "STAGE_CHANGED", [{ field: "stage", op: "is", value: f.alpha.stageIds[1]! }], [{ type: "createTask", activityType: "FOLLOW_UP", subject: "Qualified: follow up", dueInHours: 4 }]);
    try {
      const d = await newDeal("Mover", 900);
      const api = callerAs(t.db, f.alpha, "SALES_REP");
      await api.pipeline.moveDeal({ dealId: d, toStageId: f.alpha.stageIds[1]! });
      await api.pipeline.moveDeal({ dealId: d, toStageId: f.alpha.stageIds[2]! }); // not the stage of the condition
      await api.pipeline.moveDeal({ dealId: d, toStageId: f.alpha.stageIds[1]! });
      const runs = await t.db.automationRun.findMany({ where: { ruleId: r }, select: { eventKey: true } });
      const changes = await t.db.dealStageChange.findMany({ where: { dealId: d, toStageId: f.alpha.stageIds[1]! }, select: { id: true } });
      expect(runs.map((x) => x.eventKey).sort()).toEqual(changes.map((c) => `deal:${d}:stageChanged:${c.id}`).sort());
      expect(await t.db.activity.count({ where: { dealId: d, subject: "Qualified: follow up" } })).toBe(2);
    } finally {
      await off(r);
    }
  });
});

describe("triggers wired into the app", () => {
  it("records.update fires value changed (deal amount), stage changed and score changed (lead)", async () => {
    const value = await rule("DEAL", "VALUE_CHANGED", [{ field: "value", op: "gt", value: 5000 }], [{ type: "createTask", activityType: "TASK", subject: "Value up", dueInHours: 1 }]);
    const status = await rule("LEAD", "STAGE_CHANGED", [{ field: "stage", op: "is", value: "QUALIFIED" }], [{ type: "createTask", activityType: "TASK", subject: "Lead qualified", dueInHours: 1 }]);
    const score = await rule("LEAD", "SCORE_CHANGED", [{ field: "score", op: "gt", value: 80 }], [{ type: "createTask", activityType: "CALL", subject: "Hot lead", dueInHours: 1 }]);
    try {
      const api = callerAs(t.db, f.alpha, "SALES_REP");
      const d = await newDeal("Upsized", 1000);
      await api.records.update({ type: "deals", id: d, data: { amount: "6000" } });
      await api.records.update({ type: "deals", id: d, data: { name: "Upsized deal" } }); // no value change, no event
      expect(await t.db.activity.count({ where: { dealId: d, subject: "Value up" } })).toBe(1);
      // the score comes from the scoring model: 3 points per website visit, so 30 visits score 3 × 30 = 90
      await t.db.leadScoreWeight.create({ data: { organizationId: org(), attribute: "websiteVisits", value: "", points: 3 } });
      const l = await newLead("Warming");
      await api.records.update({ type: "leads", id: l, data: { status: "QUALIFIED", websiteVisits: "30" } });
      expect((await t.db.lead.findUniqueOrThrow({ where: { id: l } })).score).toBe(90);
      expect(await t.db.activity.count({ where: { leadId: l, subject: "Lead qualified" } })).toBe(1);
      expect(await t.db.activity.count({ where: { leadId: l, subject: "Hot lead" } })).toBe(1);
      // the pipeline's lead status action fires stage changed too
      const l2 = await newLead("Worked");
      await api.pipeline.setLeadStatus({ leadId: l2, status: "QUALIFIED" });
      expect(await t.db.activity.count({ where: { leadId: l2, subject: "Lead qualified" } })).toBe(1);
      // score changes from elsewhere (lead scoring) call fireAutomation directly
      const l3 = await newLead("Scored", { score: 95 });
      expect(await fire({ entity: "lead", id: l3, event: "scoreChanged", changeKey: "95@x" })).toHaveLength(1);
    } finally {
      await t.db.leadScoreWeight.deleteMany({ where: { organizationId: org() } });
      for (const r of [value, status, score]) await off(r);
    }
  });

  it("a scoring-model change fires score changed once for each lead it rescored", async () => {
    const score = await rule("LEAD", "SCORE_CHANGED", [{ field: "score", op: "gt", value: 50 }], [{ type: "createTask", activityType: "CALL", subject: "Model: hot lead", dueInHours: 1 }]);
    const scoresBefore = await t.db.lead.findMany({ where: { organizationId: org() }, select: { id: true, score: true } });
    try {
      // 6 points per email reply: a lead with 10 replies scores 60 (> 50, fires), one with 5 scores 30 (does not)
      const hot = await newLead("Replier");
      const cold = await newLead("Quiet");
      await t.db.lead.update({ where: { id: hot }, data: { emailReplies: 10 } });
      await t.db.lead.update({ where: { id: cold }, data: { emailReplies: 5 } });
      const api = callerAs(t.db, f.alpha, "SALES_MANAGER");
      await api.scoring.setWeight({ attribute: "emailReplies", points: 6 });
      expect((await t.db.lead.findUniqueOrThrow({ where: { id: hot } })).score).toBe(60);
      expect(await t.db.activity.count({ where: { leadId: hot, subject: "Model: hot lead" } })).toBe(1);
      expect(await t.db.activity.count({ where: { leadId: cold, subject: "Model: hot lead" } })).toBe(0);
      // setting the same weight again rescores nothing, so nothing fires again
      await api.scoring.setWeight({ attribute: "emailReplies", points: 6 });
      expect(await t.db.activity.count({ where: { leadId: hot, subject: "Model: hot lead" } })).toBe(1);
    } finally {
      await t.db.leadScoreWeight.deleteMany({ where: { organizationId: org() } });
      for (const l of scoresBefore) await t.db.lead.update({ where: { id: l.id }, data: { score: l.score } });
      await off(score);
    }
  });

  it("converting a lead fires deal created for the new deal", async () => {
    const r = await rule("DEAL", "CREATED", [{ field: "value", op: "gt", value: 500 }], [{ type: "createTask", activityType: "CALL", subject: "Converted: call", dueInHours: 24 }]);
    try {
      const l = await newLead("Convertible");
      const { dealId } = await callerAs(t.db, f.alpha, "SALES_REP").pipeline.convertLead({ leadId: l, amount: 1200 });
      expect(await t.db.activity.count({ where: { dealId: dealId!, subject: "Converted: call" } })).toBe(1);
    } finally {
      await off(r);
    }
  });

  it("rules belong to their organization: Beta's rule does not fire on Alpha's deals", async () => {
    const beta = await rule("DEAL", "CREATED", [], [{ type: "createTask", activityType: "CALL", subject: "Beta task", dueInHours: 1 }], null, f.beta.organizationId);
    try {
      const { id } = await callerAs(t.db, f.alpha, "SALES_REP").records.create({ type: "deals", data: { name: "Alpha only", amount: "900" } });
      expect(await t.db.automationRun.count({ where: { ruleId: beta } })).toBe(0);
      expect(await t.db.activity.count({ where: { dealId: id, subject: "Beta task" } })).toBe(0);
    } finally {
      await off(beta);
    }
  });
});

describe("the 500 example, end to end through the procedures", () => {
  it("one click creates both rules; a deal above 500 gets a call task for its owner, below 500 its lead goes to nurture", async () => {
    const manager = callerAs(t.db, f.alpha, "SALES_MANAGER");
    const { ruleIds } = await manager.automation.createExampleRules({ active: true });
    try {
      const rules = (await manager.automation.listRules()).filter((x) => ruleIds.includes(x.id));
      expect(rules.map((x) => [x.name, x.active])).toEqual([["Deal above 500: call within 24 h", true], ["Deal below 500: lead into nurture", true]]);
      const api = callerAs(t.db, f.alpha, "SALES_REP");
      const big = await api.records.create({ type: "deals", data: { name: "Big one", amount: "800" } });
      const task = await t.db.activity.findFirst({ where: { dealId: big.id }, select: { type: true, subject: true, ownerId: true } });
      expect(task).toEqual({ type: "CALL", subject: "Call within 24 h", ownerId: rep() });
      const lead = await newLead("Small buyer");
      const small = await api.records.create({ type: "deals", data: { name: "Small one", amount: "400", leadId: lead } });
      expect(await t.db.activity.count({ where: { dealId: small.id } })).toBe(0);
      expect(await t.db.campaignMember.count({ where: { leadId: lead, campaignId: f.alpha.nurtureCampaignId } })).toBe(1);
      const exact = await api.records.create({ type: "deals", data: { name: "Exactly 500", amount: "500" } });
      expect(await t.db.automationRun.count({ where: { recordId: exact.id } })).toBe(0);
      // the run log of each rule
      const runs = await manager.automation.listRuns({ ruleId: ruleIds[0]! });
      expect(runs.runs.map((x) => [x.recordName, x.status, x.event])).toEqual([["Big one", "DONE", "created"]]);
      expect((await manager.automation.listRuns({ ruleId: ruleIds[1]! })).runs.map((x) => x.recordName)).toEqual(["Small one"]);
    } finally {
      for (const id of ruleIds) await manager.automation.setRuleActive({ ruleId: id, active: false });
    }
  });
});

describe("idle sweep", () => {
  it("fires once per idle spell with a fixed now; new activity starts a new spell; two sweeps at once fire once", async () => {
    const r = await rule("DEAL", "IDLE", [{ field: "value", op: "gt", value: 0 }], [{ type: "createTask", activityType: "FOLLOW_UP", subject: "Idle 7 days: follow up", dueInHours: 0 }], 7);
    try {
      const d = await newDeal("Sleepy", 100);
      const busy = await newDeal("Busy", 100);
      const closed = await newDeal("Closed sleepy", 100);
      await t.db.deal.update({ where: { id: closed }, data: { status: "WON", stageId: f.alpha.wonStageId, closedAt: new Date("2026-01-01") } });
      const touched = new Date("2026-01-01T10:00:00.000Z");
      for (const id of [d, busy, closed]) await t.db.$executeRawUnsafe(`UPDATE "Deal" SET "updatedAt" = $1::timestamp WHERE id = $2::uuid`, touched, id);
      // Busy had a call 3 days before "now"
      const now = new Date("2026-01-20T10:00:00.000Z");
      await t.db.activity.create({ data: { organizationId: org(), type: "CALL", subject: "Check-in", ownerId: rep(), dealId: busy, createdAt: new Date("2026-01-17T10:00:00.000Z"), updatedAt: new Date("2026-01-17T10:00:00.000Z") } });

      const [a, b] = await Promise.all([
        sweepIdleRules(t.db, now, { organizationId: org() }),
        sweepIdleRules(t.db, now, { organizationId: org() }),
      ]);
      expect(a.fired + b.fired).toBe(1); // Sleepy only: Busy was touched 3 days ago, Closed is not open
      const runs = await t.db.automationRun.findMany({ where: { ruleId: r }, select: { recordId: true, eventKey: true } });
      expect(runs).toEqual([{ recordId: d, eventKey: `deal:${d}:idle:2026-01-01T10:00:00.000Z` }]);
      expect((await sweepIdleRules(t.db, now, { organizationId: org() })).fired).toBe(0);

      // the follow-up task created at `now` is activity: Sleepy is idle again 7 days after it, not before
      expect((await sweepIdleRules(t.db, new Date("2026-01-26T10:00:00.000Z"), { organizationId: org() })).fired).toBe(1); // Busy: 9 days since its call
      expect((await sweepIdleRules(t.db, new Date("2026-01-27T10:00:01.000Z"), { organizationId: org() })).fired).toBe(1); // Sleepy again
      expect(await t.db.activity.count({ where: { dealId: d, subject: "Idle 7 days: follow up" } })).toBe(2);
    } finally {
      await off(r);
    }
  });
});

describe("dry run (test against existing records)", () => {
  it("lists what would match and happen, and writes nothing", async () => {
    const manager = callerAs(t.db, f.alpha, "SALES_MANAGER");
    const source = `dry-${Math.random().toString(36).slice(2, 7)}`;
    const l1 = await newLead("Dry one", { source, score: 10 });
    await newLead("Dry two", { source, score: 20 });
    await newLead("Dry three", { source: "web", score: 30 });
    const before = await fingerprint(t.db, org());
    const result = await manager.automation.testRule({
      name: "Dry", entity: "LEAD", trigger: "CREATED", conditions: [{ field: "source", op: "is", value: source }],
      actions: [
        { type: "assignRoundRobin", teamId: f.alpha.teamId },
        { type: "createTask", activityType: "CALL", subject: "Dry call", dueInHours: 24 },
        { type: "addToCampaign", campaignId: f.alpha.nurtureCampaignId },
        { type: "notify", to: "owner", message: "Dry" },
      ],
    });
    expect(result.matched).toBe(2);
    expect(result.records.map((r) => r.name).sort()).toEqual(["Auto Dry one", "Auto Dry two"]);
    const first = result.records.find((r) => r.id === l1)!;
    expect(first.results.map((r) => r.outcome)).toEqual(["done", "done", "done", "done"]);
    expect(first.results[1]?.detail).toMatch(/^would create the call task "Dry call"/);
    expect(await fingerprint(t.db, org())).toBe(before);
  });

  it("an idle rule's dry run counts only records idle that long", async () => {
    const manager = callerAs(t.db, f.alpha, "SALES_MANAGER");
    const source = `idle-${Math.random().toString(36).slice(2, 7)}`;
    const old = await newLead("Old", { source });
    await newLead("Fresh", { source });
    await t.db.$executeRawUnsafe(`UPDATE "Lead" SET "updatedAt" = now() - interval '30 days' WHERE id = $1::uuid`, old);
    const result = await manager.automation.testRule({ name: "Idle dry", entity: "LEAD", trigger: "IDLE", idleDays: 14, conditions: [{ field: "source", op: "is", value: source }], actions: [{ type: "notify", to: "owner", message: "x" }] });
    expect(result.matched).toBe(1);
    expect(result.records[0]?.id).toBe(old);
  });
});

describe("managing rules", () => {
  const valid = {
    name: "Hot lead call", entity: "LEAD" as const, trigger: "SCORE_CHANGED" as const,
    conditions: [{ field: "score" as const, op: "gt" as const, value: 80 }],
    actions: [{ type: "createTask" as const, activityType: "CALL" as const, subject: "Call the hot lead", dueInHours: 4 }],
  };

  it("creates switched off, edits, switches on, deletes — each audited", async () => {
    const api = callerAs(t.db, f.alpha, "CRM_MANAGER");
    const { ruleId } = await api.automation.createRule(valid);
    expect((await api.automation.listRules()).find((r) => r.id === ruleId)?.active).toBe(false);
    expect(await api.automation.updateRule({ ruleId, rule: { ...valid, name: "Hot lead: call in 4 h" } })).toEqual({ ruleId, changed: true });
    expect(await api.automation.updateRule({ ruleId, rule: { ...valid, name: "Hot lead: call in 4 h" } })).toEqual({ ruleId, changed: false });
    await api.automation.setRuleActive({ ruleId, active: true });
    expect(await api.automation.deleteRule({ ruleId })).toEqual({ deleted: true });
    expect(await api.automation.deleteRule({ ruleId })).toEqual({ deleted: false });
    const audit = await t.db.auditLog.findMany({ where: { entityType: "AutomationRule", entityId: ruleId }, orderBy: { createdAt: "asc" }, select: { action: true, changes: true } });
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "update", "delete"]);
    expect(audit[1]?.changes).toEqual({ name: { from: "Hot lead call", to: "Hot lead: call in 4 h" } });
  });

  it("refuses bad input with messages naming the field", async () => {
    const api = callerAs(t.db, f.alpha, "SALES_MANAGER");
    const bad = async (input: unknown) => failure(api.automation.createRule(input as typeof valid));
    expect(await bad({ ...valid, name: " " })).toEqual({ code: "BAD_REQUEST", message: "name: Give the rule a name." });
    expect(await bad({ ...valid, actions: [] })).toEqual({ code: "BAD_REQUEST", message: "actions: Add at least one action." });
    expect(await bad({ ...valid, conditions: [{ field: "value", op: "gt", value: 500 }] })).toEqual({ code: "BAD_REQUEST", message: "conditions.0.field: Leads have no value; use score." });
    expect(await bad({ ...valid, trigger: "IDLE" })).toEqual({ code: "BAD_REQUEST", message: "idleDays: Enter after how many idle days the rule runs." });
    expect(await bad({ ...valid, trigger: "VALUE_CHANGED" })).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^trigger: A lead rule cannot run/) });
    expect(await bad({ ...valid, conditions: [{ field: "stage", op: "is", value: "SOMEWHERE" }] })).toMatchObject({ message: expect.stringMatching(/^conditions\.0\.value: A lead's stage is its status/) });
    // ids from another organization are not found here
    expect(await bad({ ...valid, actions: [{ type: "assignUser", userId: f.beta.users.SALES_REP.userId }] })).toEqual({ code: "BAD_REQUEST", message: "actions.0.userId: no such member in this organization." });
    expect(await bad({ ...valid, actions: [{ type: "addToCampaign", campaignId: f.beta.nurtureCampaignId }] })).toEqual({ code: "BAD_REQUEST", message: "actions.0.campaignId: no such campaign in this organization." });
  });

  it("refuses the wrong roles and other organizations", async () => {
    for (const role of ["SALES_REP", "SUPPORT_MANAGER", "SUPPORT_AGENT"] as const) {
      const api = callerAs(t.db, f.alpha, role);
      expect((await failure(api.automation.listRules())).code, role).toBe("FORBIDDEN");
      expect((await failure(api.automation.createRule(valid))).code, role).toBe("FORBIDDEN");
      expect((await failure(api.automation.setRuleActive({ ruleId: f.alpha.automationRuleIds[0]!, active: true }))).code, role).toBe("FORBIDDEN");
    }
    const beta = callerAs(t.db, f.beta, "CRM_MANAGER");
    const alphaRule = f.alpha.automationRuleIds[0]!;
    const before = await fingerprint(t.db, org());
    expect((await failure(beta.automation.setRuleActive({ ruleId: alphaRule, active: true }))).code).toBe("NOT_FOUND");
    expect((await failure(beta.automation.updateRule({ ruleId: alphaRule, rule: { ...valid } }))).code).toBe("NOT_FOUND");
    expect((await failure(beta.automation.listRuns({ ruleId: alphaRule }))).code).toBe("NOT_FOUND");
    expect(await beta.automation.deleteRule({ ruleId: alphaRule })).toEqual({ deleted: false });
    expect((await beta.automation.listRules()).some((r) => r.id === alphaRule)).toBe(false);
    expect(await fingerprint(t.db, org())).toBe(before);
  });
});
