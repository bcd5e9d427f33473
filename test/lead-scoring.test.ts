// Lead scoring on a real database: scores from hand-computed examples, the recompute on model change, on
// create / edit through the records service and on import, the conversion-by-score-band report, bad input and
// access. The arithmetic of every expected score is written next to it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Role } from "@/server/auth/permissions";
import { tenantDb } from "@/server/db/tenant";
import { createJob, getJob, startCommit, startValidation, waitForJob } from "@/server/import/jobs";
import { recomputeLeadScores } from "@/server/scoring/recompute";
import { scoreBandConversion } from "@/server/scoring/report";
import { removeWeight, setWeight } from "@/server/scoring/weights";
import { createTestDb, type TestDb } from "./db";
import { callerFor, createFixtures, fingerprint, fixturePasswordHash, type Fixtures } from "./fixtures";

let t: TestDb;
let f: Fixtures;
type Org = { id: string; users: Record<"CRM_MANAGER" | "SALES_MANAGER" | "SALES_REP" | "SUPPORT_MANAGER", string> };
let d: Org;
const leads: Record<string, string> = {};

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? `${e.code}: ${e.message}` : String(e);
  }
}

async function buildOrg(db: PrismaClient, name: string): Promise<Org> {
  const o = await db.organization.create({ data: { name, slug: `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}` }, select: { id: true } });
  const passwordHash = await fixturePasswordHash();
  const users = {} as Org["users"];
  for (const role of ["CRM_MANAGER", "SALES_MANAGER", "SALES_REP", "SUPPORT_MANAGER"] as const) {
    const u = await db.user.create({ data: { email: `${role.toLowerCase()}-${o.id}@scoring.test`, name: `${name} ${role}`, passwordHash }, select: { id: true } });
    await db.membership.create({ data: { organizationId: o.id, userId: u.id, role } });
    users[role] = u.id;
  }
  return { id: o.id, users };
}

const actor = (org: Org, role: keyof Org["users"]) => ({ db: tenantDb(t.db, org.id), baseDb: t.db, userId: org.users[role], role: role as Role, organizationId: org.id });
const callerOf = (org: Org, role: keyof Org["users"]) => callerFor(t.db, { userId: org.users[role], organizationId: org.id });
const scoreOf = async (id: string) => (await t.db.lead.findUniqueOrThrow({ where: { id }, select: { score: true } })).score;

// The model used below (set through setWeight, as the settings page does):
//   industry = software 10 | companySize = 201-1000 12 | titleKeyword "vp" 15 | incomeBand = 10M-50M 7
//   websiteVisits 2 each, cap 20 | emailReplies 10 each | downloads 1.5 each | pastPurchases 5 each, cap 15
const MODEL = [
  { attribute: "industry", value: "Software", points: 10 },
  { attribute: "companySize", value: "201-1000", points: 12 },
  { attribute: "titleKeyword", value: "VP", points: 15 },
  { attribute: "incomeBand", value: "10M-50M", points: 7 },
  { attribute: "websiteVisits", points: 2, maxPoints: 20 },
  { attribute: "emailReplies", points: 10 },
  { attribute: "downloads", points: 1.5 },
  { attribute: "pastPurchases", points: 5, maxPoints: 15 },
];

beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
  d = await buildOrg(t.db, "Delta");
  const account = await t.db.account.create({ data: { organizationId: d.id, name: "Delta buyer" }, select: { id: true } });
  for (let i = 0; i < 4; i++) {
    await t.db.purchase.create({ data: { organizationId: d.id, accountId: account.id, purchasedAt: new Date("2026-01-01T00:00:00Z"), amount: 100, deletedAt: i === 3 ? new Date() : null } });
  }
  const lead = async (key: string, data: Record<string, unknown>) => {
    const l = await t.db.lead.create({ data: { organizationId: d.id, firstName: key, lastName: "Delta", source: "web", ...data }, select: { id: true } });
    leads[key] = l.id;
  };
  await lead("A", { industry: "software", employees: 500, title: "VP Sales", incomeBand: "10M-50M", websiteVisits: 3, emailReplies: 1, downloads: 2, accountId: account.id });
  await lead("B", { industry: "Retail", employees: 50, title: "Data Analyst", websiteVisits: 15 });
  await lead("C", { industry: "Software", employees: 5000, title: "SVP Operations", emailReplies: 10 });
  await lead("D", {});
});
afterAll(async () => t?.close());

describe("scores from the model (hand-computed)", () => {
  it("computes every lead's score when the model is set, and reports who changed", async () => {
    for (const w of MODEL) await setWeight(actor(d, "SALES_MANAGER"), w);
    // A: 10 (software, any case) + 12 (500 employees: 201-1000) + 15 ("VP Sales") + 7 (10M-50M) + 3 visits x 2 = 6
    //    + 1 reply x 10 = 10 + 2 downloads x 1.5 = 3 + 3 live purchases x 5 = 15 (the deleted one does not count) = 78
    expect(await scoreOf(leads.A!)).toBe(78);
    // B: retail, 11-50 employees and "Data Analyst" match nothing; 15 visits x 2 = 30, capped at 20 -> 20
    expect(await scoreOf(leads.B!)).toBe(20);
    // C: 10 + 15 ("SVP" contains "vp") + 10 replies x 10 = 100 = 125 -> kept at the maximum, 100
    expect(await scoreOf(leads.C!)).toBe(100);
    // D: nothing known -> 0
    expect(await scoreOf(leads.D!)).toBe(0);
    // nothing left to change: a recompute of all returns no change
    expect(await recomputeLeadScores(t.db, d.id, "all")).toEqual([]);
  });

  it("recomputes one lead or a set, returning [{ id, before, after }] only for the scores that changed", async () => {
    await t.db.lead.update({ where: { id: leads.B! }, data: { websiteVisits: 4, title: "VP Data" } });
    await t.db.lead.update({ where: { id: leads.D! }, data: { websiteVisits: 1 } });
    // only A and B asked for: B = 4 x 2 + 15 = 23 (D changed too, but was not asked for)
    expect(await recomputeLeadScores(t.db, d.id, [leads.A!, leads.B!])).toEqual([{ id: leads.B!, before: 20, after: 23 }]);
    // D: 1 visit x 2 = 2
    expect(await recomputeLeadScores(t.db, d.id, [leads.D!])).toEqual([{ id: leads.D!, before: 0, after: 2 }]);
    // another organization's lead id is ignored
    expect(await recomputeLeadScores(t.db, f.alpha.organizationId, [leads.A!])).toEqual([]);
    await expect(recomputeLeadScores(t.db, d.id, ["not-a-uuid"])).rejects.toThrow(/^leadIds:/);
  });

  it("recomputes every lead when a weight changes or is removed, in one transaction with an audit entry", async () => {
    const audits = () => t.db.auditLog.count({ where: { organizationId: d.id, entityType: "LeadScoreWeight" } });
    const before = await audits();
    // visits: 2 -> 3 each (cap 20): A 78 - 6 + 9 = 81; B 23 - 8 + 12 = 27; D 2 -> 3
    const r = await setWeight(actor(d, "CRM_MANAGER"), { attribute: "websiteVisits", points: 3, maxPoints: 20 });
    expect(r).toMatchObject({ changed: true, scoresChanged: 3 });
    expect([await scoreOf(leads.A!), await scoreOf(leads.B!), await scoreOf(leads.D!)]).toEqual([81, 27, 3]);
    // the same weight again changes nothing
    expect(await setWeight(actor(d, "CRM_MANAGER"), { attribute: "websiteVisits", points: 3, maxPoints: 20 })).toMatchObject({ changed: false, scoresChanged: 0 });
    // removing "vp" (15): A 81 - 15 = 66, B 27 - 15 = 12, C 125 - 15 = 110 -> still 100
    expect(await removeWeight(actor(d, "SALES_MANAGER"), { attribute: "titleKeyword", value: " vp " })).toMatchObject({ removed: true, scoresChanged: 2 });
    expect([await scoreOf(leads.A!), await scoreOf(leads.B!), await scoreOf(leads.C!)]).toEqual([66, 12, 100]);
    expect(await removeWeight(actor(d, "SALES_MANAGER"), { attribute: "titleKeyword", value: "vp" })).toMatchObject({ removed: false });
    expect(await audits()).toBe(before + 2);
    // put it back for the tests below: A 81, B 27
    await setWeight(actor(d, "SALES_MANAGER"), { attribute: "titleKeyword", value: "vp", points: 15 });
    expect([await scoreOf(leads.A!), await scoreOf(leads.B!)]).toEqual([81, 27]);
  });

  it("refuses bad weights with a message naming the field, and changes nothing", async () => {
    const before = await fingerprint(t.db, d.id);
    const sm = actor(d, "SALES_MANAGER");
    await expect(setWeight(sm, { attribute: "websiteVisits", points: -1 })).rejects.toThrow(/^points: must be zero or more/);
    await expect(setWeight(sm, { attribute: "websiteVisits", points: Number.NaN })).rejects.toThrow(/^points: must be a number/);
    await expect(setWeight(sm, { attribute: "websiteVisits", points: 101 })).rejects.toThrow(/^points: at most 100/);
    await expect(setWeight(sm, { attribute: "shoeSize", value: "44", points: 5 })).rejects.toThrow(/^attribute: unknown attribute "shoeSize"/);
    await expect(setWeight(sm, { attribute: "companySize", value: "huge", points: 5 })).rejects.toThrow(/^value: company size must be one of 1-10, 11-50/);
    await expect(setWeight(sm, { attribute: "industry", value: " ", points: 5 })).rejects.toThrow(/^value: enter the value/);
    await expect(setWeight(sm, { attribute: "emailOpens", value: "many", points: 5 })).rejects.toThrow(/^value: emailOpens is counted/);
    await expect(setWeight(sm, { attribute: "industry", value: "software", points: 5, maxPoints: 3 })).rejects.toThrow(/^maxPoints:/);
    await expect(setWeight(sm, { attribute: "emailOpens", points: 1, maxPoints: -3 })).rejects.toThrow(/^maxPoints:/);
    // through the procedure: NaN is refused by its schema, naming the field
    const r = await code(callerOf(d, "SALES_MANAGER").scoring.setWeight({ attribute: "emailOpens", points: Number.NaN }));
    expect(r).toMatch(/^BAD_REQUEST/);
    expect(r).toContain('"points"');
    expect(await code(callerOf(d, "SALES_MANAGER").scoring.setWeight({ attribute: "emailOpens", points: -2 }))).toBe("BAD_REQUEST: points: must be zero or more (a weight adds points; leave an attribute out to give it none).");
    expect(await fingerprint(t.db, d.id)).toBe(before);
  });
});

describe("recompute on create, edit and import", () => {
  it("scores a lead created and edited through the records service", async () => {
    const rep = callerOf(d, "SALES_REP");
    // 10 (Software) + 15 ("VP Marketing") + 4 visits x 3 = 12 -> 37
    const { id } = await rep.records.create({ type: "leads", data: { firstName: "Eve", lastName: "Delta", source: "web", industry: "Software", title: "VP Marketing", websiteVisits: "4" } });
    expect(await scoreOf(id)).toBe(37);
    // + 2 replies x 10 = 20 -> 57; the edit's audit entry shows the score change
    await rep.records.update({ type: "leads", id, data: { emailReplies: "2" } });
    expect(await scoreOf(id)).toBe(57);
    const log = await t.db.auditLog.findFirst({ where: { organizationId: d.id, entityType: "Lead", entityId: id, action: "update" } });
    expect(log?.changes).toMatchObject({ emailReplies: { from: 0, to: 2 }, score: { from: 37, to: 57 } });
    // the score itself is not editable
    expect(await code(rep.records.update({ type: "leads", id, data: { score: "99" } }))).toMatch(/^BAD_REQUEST: score: Score cannot be changed here/);
  });

  it("scores imported leads in the import's transaction", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sasaran-scoring-"));
    const file = path.join(dir, "leads.csv");
    // Ivy: 10 + 12 (300 employees) + 7 + 2 visits x 3 = 6 -> 35; Jon: 1 reply -> 10
    const csv = ["First name,Last name,Email,Source,Industry,Employees,Yearly revenue band,Website visits,Email replies", "Ivy,Delta,ivy@delta.test,web,Software,300,10M-50M,2,0", "Jon,Delta,jon@delta.test,web,Retail,,,0,1"].join("\n");
    writeFileSync(file, csv);
    const env = { db: t.db, pgUrl: t.kind === "postgres" ? t.url : null };
    const a = actor(d, "SALES_MANAGER");
    const job = await createJob(a, { type: "lead", fileName: "leads.csv", filePath: file, fileSize: Buffer.byteLength(csv) });
    await startValidation(env, a, job.id);
    await waitForJob(job.id);
    expect((await getJob(a, job.id)).errorCount).toBe(0);
    await startCommit(env, a, job.id);
    await waitForJob(job.id);
    expect((await getJob(a, job.id)).status).toBe("DONE");
    const imported = await t.db.lead.findMany({ where: { organizationId: d.id, lastName: "Delta", firstName: { in: ["Ivy", "Jon"] } }, orderBy: { firstName: "asc" }, select: { score: true } });
    expect(imported.map((l) => l.score)).toEqual([35, 10]);
  }, 120_000);
});

describe("conversion by score band", () => {
  it("counts the period's leads per band of their score and the share converted (hand-computed)", async () => {
    const e = await buildOrg(t.db, "Epsilon");
    const june = (dd: number) => new Date(Date.UTC(2026, 5, dd));
    const rows: [number, boolean, Date, boolean?][] = [
      [5, false, june(1)], [15, true, june(2)], [19, false, june(3)], // 0-19: 3 leads, 1 converted
      [20, true, june(4)], [39, true, june(5)], // 20-39: 2, 2
      [40, false, june(6)], // 40-59: 1, 0
      [79, false, june(7)], // 60-79: 1, 0
      [80, true, june(8)], [95, true, june(9)], [100, true, june(10)], // 80-100: 3, 3
      [90, true, new Date(Date.UTC(2026, 4, 31))], // created in May: outside
      [85, true, june(11), true], // deleted: not counted
    ];
    for (const [score, converted, createdAt, deleted] of rows) {
      await t.db.lead.create({ data: { organizationId: e.id, firstName: "L", lastName: String(score), source: "web", score, createdAt, convertedAt: converted ? june(20) : null, status: converted ? "CONVERTED" : "NEW", deletedAt: deleted ? june(12) : null } });
    }
    const r = await scoreBandConversion(actor(e, "SALES_MANAGER"), { period: { start: june(1), end: new Date(Date.UTC(2026, 6, 1)) } });
    expect(r.bands.map((b) => [b.label, b.leads, b.converted])).toEqual([
      ["0–19", 3, 1], ["20–39", 2, 2], ["40–59", 1, 0], ["60–79", 1, 0], ["80–100", 3, 3],
    ]);
    // rates: 1/3 = 33.3%, 2/2 = 100%, 0/1 = 0%, 0/1 = 0%, 3/3 = 100%
    expect(r.bands[0]!.rate).toBeCloseTo(100 / 3, 6);
    expect(r.bands.slice(1).map((b) => b.rate)).toEqual([100, 0, 0, 100]);
    const empty = await scoreBandConversion(actor(e, "SALES_MANAGER"), { period: { start: new Date(Date.UTC(2020, 0, 1)), end: new Date(Date.UTC(2020, 1, 1)) } });
    expect(empty.bands.map((b) => [b.leads, b.rate])).toEqual([[0, null], [0, null], [0, null], [0, null], [0, null]]);
  });
});

describe("lead lists sort by score", () => {
  it("puts the best leads first in /pipeline/leads and the records list", async () => {
    const list = await callerOf(d, "SALES_MANAGER").pipeline.listLeads({});
    const scores = list.leads.map((l) => l.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(scores[0]).toBe(100);
    const records = await callerOf(d, "SALES_MANAGER").records.list({ type: "leads", page: 1, pageSize: 50 });
    const rs = records.rows.map((r) => r.values.score as number);
    expect(rs).toEqual([...rs].sort((x, y) => y - x));
  });
});

describe("access", () => {
  it("lets the CRM and sales managers set the model, and nobody else", async () => {
    const w = { attribute: "emailOpens", points: 1, maxPoints: 10 };
    expect(await code(callerOf(d, "SALES_REP").scoring.setWeight(w))).toMatch(/^FORBIDDEN/);
    expect(await code(callerOf(d, "SUPPORT_MANAGER").scoring.setWeight(w))).toMatch(/^FORBIDDEN/);
    expect(await code(callerOf(d, "SUPPORT_MANAGER").scoring.getBands({ period: { preset: "this_year" } }))).toMatch(/^FORBIDDEN/);
    expect(await code(callerOf(d, "SALES_REP").scoring.listWeights())).toMatch(/^FORBIDDEN/);
    expect(await code(callerOf(d, "SALES_MANAGER").scoring.listWeights())).toBe("OK");
  });

  it("keeps each organization's model and scores to itself", async () => {
    const before = await fingerprint(t.db, d.id);
    const beta = callerFor(t.db, { userId: f.beta.users.CRM_MANAGER.userId, organizationId: f.beta.organizationId });
    await beta.scoring.setWeight({ attribute: "industry", value: "software", points: 50 });
    await beta.scoring.removeWeight({ attribute: "websiteVisits", value: "" });
    expect((await beta.scoring.listWeights()).map((w) => [w.attribute, w.value, w.points])).toEqual([["industry", "software", 50]]);
    expect(await fingerprint(t.db, d.id)).toBe(before);
    const claim = callerFor(t.db, { userId: f.beta.users.CRM_MANAGER.userId, organizationId: d.id });
    expect(await code(claim.scoring.setWeight({ attribute: "industry", value: "software", points: 50 }))).toMatch(/^FORBIDDEN/);
    expect(await fingerprint(t.db, d.id)).toBe(before);
  });
});

describe("purchases rescore their account's leads", () => {
  it("adding, deleting and restoring a purchase in Records changes 'past purchases' at once", async () => {
    // pastPurchases: 5 points each, capped at 15. Lead A's account has 3 live purchases (15 points, at the cap).
    const api = callerOf(d, "CRM_MANAGER");
    const account = (await t.db.lead.findUniqueOrThrow({ where: { id: leads.A! }, select: { accountId: true } })).accountId!;
    const live = await t.db.purchase.findMany({ where: { accountId: account, deletedAt: null }, select: { id: true } });
    expect(live).toHaveLength(3);
    const start = await scoreOf(leads.A!);
    // delete one: 2 purchases x 5 = 10, i.e. 5 points fewer
    await api.records.delete({ type: "purchases", id: live[0]!.id });
    expect(await scoreOf(leads.A!)).toBe(start - 5);
    // restore it: back to 3 x 5 = 15
    await api.records.restore({ type: "purchases", id: live[0]!.id });
    expect(await scoreOf(leads.A!)).toBe(start);
    // delete it again and add a new one in Records: 3 live again, 15 points
    await api.records.delete({ type: "purchases", id: live[0]!.id });
    expect(await scoreOf(leads.A!)).toBe(start - 5);
    await api.records.create({ type: "purchases", data: { accountId: account, amount: "250", purchasedAt: "2026-02-01" } });
    expect(await scoreOf(leads.A!)).toBe(start);
  });
});
