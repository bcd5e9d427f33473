// Surveys on a real database: managers create surveys and links; a customer answers through the public token
// (no account); a single-use token answers once (also under a race) and cannot be guessed; answers feed the
// NPS / CSAT / CES KPIs at once; every mutation is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { answerSurvey, findSurveyByToken } from "@/server/surveys/public";
import { hashToken, newToken } from "@/server/surveys/tokens";
import { parseScore } from "@/server/surveys/scales";
import { createTestDb, type TestDb } from "./db";
import { callerAs, createFixtures, type Fixtures } from "./fixtures";

let t: TestDb;
let f: Fixtures;
beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
});
afterAll(async () => t?.close());

const period = { preset: "this_month" } as const;
async function kpi(id: string, filters?: { ownerId: string }) {
  return (await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").kpi.get({ kpiId: id, period, ...(filters ? { filters } : {}) })).kpi.current.value;
}
async function code(p: Promise<unknown>) {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : (e as Error).name;
  }
}
const tokenOf = (path: string) => path.replace(/^\/s\//, "");
const responses = (surveyId: string) => t.db.surveyResponse.findMany({ where: { surveyId } });

describe("scales and tokens", () => {
  it("accepts only whole scores on the type's scale", () => {
    expect(parseScore("NPS", "0")).toEqual({ score: 0 });
    expect(parseScore("NPS", "10")).toEqual({ score: 10 });
    expect(parseScore("NPS", "11")).toHaveProperty("error");
    expect(parseScore("CSAT", 0)).toHaveProperty("error");
    expect(parseScore("CES", "7")).toEqual({ score: 7 });
    expect(parseScore("CES", "3.5")).toHaveProperty("error");
    expect(parseScore("CSAT", "")).toHaveProperty("error");
  });
  it("makes 192-bit url-safe tokens, all different", () => {
    const tokens = new Set(Array.from({ length: 1000 }, newToken));
    expect(tokens.size).toBe(1000);
    for (const tk of tokens) expect(tk).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe("open survey link", () => {
  it("a manager creates an NPS survey; anonymous answers move the NPS at once; each is audited", async () => {
    const created = await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys.create({ type: "NPS", name: "Quarterly NPS" });
    const token = tokenOf(created.path);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const survey = await findSurveyByToken(t.db, token);
    expect(survey).toMatchObject({ kind: "open", type: "NPS", surveyId: created.surveyId, organizationId: f.alpha.organizationId, answered: false });

    // the fixture holds one NPS answer of 9 this month: NPS = 100
    const before = await t.db.surveyResponse.findMany({ where: { organizationId: f.alpha.organizationId, type: "NPS" }, select: { score: true } });
    expect(await kpi("nps")).toBeCloseTo(((before.filter((r) => r.score >= 9).length - before.filter((r) => r.score <= 6).length) / before.length) * 100, 6);
    expect(await answerSurvey(t.db, token, { score: "3", comment: "  Too slow  " })).toBe("answered");
    expect(await answerSurvey(t.db, token, { score: "10" })).toBe("answered");
    const all = [...before.map((r) => r.score), 3, 10];
    const nps = ((all.filter((s) => s >= 9).length - all.filter((s) => s <= 6).length) / all.length) * 100;
    expect(await kpi("nps")).toBeCloseTo(nps, 6);
    const rs = await responses(created.surveyId);
    expect(rs.map((r) => r.score).sort()).toEqual([10, 3]);
    expect(rs.find((r) => r.score === 3)).toMatchObject({ comment: "Too slow", type: "NPS", organizationId: f.alpha.organizationId, token: null });
    const audit = await t.db.auditLog.findMany({ where: { entityType: "SurveyResponse", entityId: { in: rs.map((r) => r.id) } } });
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.action === "create" && a.actorId === null && a.organizationId === f.alpha.organizationId)).toBe(true);
    expect(await t.db.auditLog.count({ where: { entityType: "Survey", entityId: created.surveyId, action: "create", actorId: f.alpha.users.SUPPORT_MANAGER.userId } })).toBe(1);
  });

  it("refuses a score off the scale, changing nothing; a closed survey takes no answers", async () => {
    const { surveyId, path } = await callerAs(t.db, f.alpha, "CRM_MANAGER").surveys.create({ type: "CSAT", name: "Support CSAT" });
    await expect(answerSurvey(t.db, tokenOf(path), { score: "6" })).rejects.toThrow(/score: must be from 1 to 5/);
    await expect(answerSurvey(t.db, tokenOf(path), { score: "4", comment: "x".repeat(2001) })).rejects.toThrow(/comment/);
    expect(await responses(surveyId)).toHaveLength(0);
    await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys.setActive({ surveyId, active: false });
    expect(await answerSurvey(t.db, tokenOf(path), { score: "5" })).toBe("closed");
    expect(await responses(surveyId)).toHaveLength(0);
  });
});

describe("single-use links", () => {
  it("a per-ticket CSAT link answers once, is tied to the ticket (owner filter) and moves CSAT", async () => {
    const { surveyId } = await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys.create({ type: "CSAT", name: "After ticket" });
    const ticketId = f.alpha.ticketIds[0]!;
    const link = await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys.createLink({ surveyId, ticketId });
    const token = tokenOf(link.path);
    // only the hash is stored
    const stored = await t.db.surveyLink.findUniqueOrThrow({ where: { id: link.linkId } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(await t.db.surveyLink.findMany())).not.toContain(token);
    expect(stored).toMatchObject({ ticketId, accountId: f.alpha.accountIds[0], contactId: f.alpha.contactIds[0], usedAt: null });

    const agent = f.alpha.users.SUPPORT_AGENT.userId;
    expect(await kpi("csat", { ownerId: agent })).toBeNull();
    expect(await answerSurvey(t.db, token, { score: "5", comment: "Great" })).toBe("answered");
    expect(await kpi("csat", { ownerId: agent })).toBe(100);
    expect(await kpi("csat_mean", { ownerId: agent })).toBe(5);

    // used: the page says so, and a second answer is refused
    expect((await findSurveyByToken(t.db, token))?.answered).toBe(true);
    expect(await answerSurvey(t.db, token, { score: "1" })).toBe("already_answered");
    const rs = await responses(surveyId);
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({ score: 5, ticketId, accountId: f.alpha.accountIds[0], contactId: f.alpha.contactIds[0], token: hashToken(token) });
    expect(await kpi("csat_mean", { ownerId: agent })).toBe(5);
  });

  it("two simultaneous answers with the same link record exactly one", async () => {
    const { surveyId } = await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys.create({ type: "CES", name: "Effort" });
    const link = await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys.createLink({ surveyId, accountId: f.alpha.accountIds[1] });
    const results = await Promise.all([1, 2, 3, 4].map((s) => answerSurvey(t.db, tokenOf(link.path), { score: String(s + 2) })));
    expect(results.filter((r) => r === "answered")).toHaveLength(1);
    expect(results.filter((r) => r === "already_answered")).toHaveLength(3);
    expect(await responses(surveyId)).toHaveLength(1);
  });

  it("a guessed or tampered token finds nothing and records nothing", async () => {
    const { surveyId } = await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys.create({ type: "NPS", name: "Guess me" });
    const link = await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys.createLink({ surveyId, accountId: f.alpha.accountIds[0] });
    const real = tokenOf(link.path);
    const tampered = real.slice(0, -1) + (real.endsWith("A") ? "B" : "A");
    for (const guess of [newToken(), tampered, hashToken(real), link.linkId, surveyId, "../../etc", "", "a'; DROP TABLE x; --"]) {
      expect(await findSurveyByToken(t.db, guess)).toBeNull();
      expect(await answerSurvey(t.db, guess, { score: "10" })).toBe("not_found");
    }
    expect(await responses(surveyId)).toHaveLength(0);
  });

  it("refuses links to records of another organization or a closed survey, and creating links without a target", async () => {
    const { surveyId } = await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys.create({ type: "NPS", name: "Links" });
    const mgr = callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys;
    expect(await code(mgr.createLink({ surveyId, ticketId: f.beta.ticketIds[0]! }))).toBe("BAD_REQUEST");
    expect(await code(mgr.createLink({ surveyId, accountId: f.beta.accountIds[0]! }))).toBe("BAD_REQUEST");
    expect(await code(mgr.createLink({ surveyId }))).toBe("BAD_REQUEST");
    expect(await code(callerAs(t.db, f.beta, "CRM_MANAGER").surveys.createLink({ surveyId, accountId: f.beta.accountIds[0]! }))).toBe("NOT_FOUND");
    await mgr.setActive({ surveyId, active: false });
    expect(await code(mgr.createLink({ surveyId, accountId: f.alpha.accountIds[0]! }))).toBe("BAD_REQUEST");
    expect(await t.db.surveyLink.count({ where: { surveyId } })).toBe(0);
    // the sales manager does not run surveys
    expect(await code(callerAs(t.db, f.alpha, "SALES_MANAGER").surveys.create({ type: "NPS", name: "No" }))).toBe("FORBIDDEN");
  });

  it("lists surveys with answers and links issued / answered", async () => {
    const list = await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys.list();
    const after = list.find((s) => s.name === "After ticket")!;
    expect(after).toMatchObject({ answers: 1, linksIssued: 1, linksAnswered: 1, meanScore: 5, type: "CSAT" });
    expect(after.path).toMatch(/^\/s\/[A-Za-z0-9_-]{32}$/);
    expect(list.every((s) => !JSON.stringify(s).includes(f.beta.organizationId))).toBe(true);
  });
});
