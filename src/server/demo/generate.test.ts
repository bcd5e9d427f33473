// The demo generator against a real, migrated database (in-memory PGlite, or PostgreSQL with TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../test/db";
import { generateDemo, type DemoSummary } from "./generate";
import { createRng } from "./random";
import { DEMO_USERS } from "./users";
import { DEFAULT_SCORING_WEIGHTS } from "@/server/scoring/model";
import { SCORE_SQL } from "@/server/scoring/recompute";

const NOW = new Date("2026-03-15T00:00:00.000Z");

// every demo table; volatile columns (the salted password hash) are left out
const TABLES = [
  "Organization", "User", "Team", "Membership", "PipelineStage", "LeadScoreWeight", "Survey", "Campaign", "Cost", "Account", "Contact",
  "Lead", "Deal", "DealStageChange", "Purchase", "Activity", "Ticket", "SurveyResponse", "AuditLog", "LoginEvent", "Goal", "AutomationRule",
];

async function fingerprint(t: TestDb): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const rows = await t.db.$queryRawUnsafe<{ n: bigint | number; h: string | null }[]>(
      `SELECT count(*) AS n, md5(string_agg((to_jsonb(x) - 'passwordHash')::text, '|' ORDER BY x.id)) AS h FROM "${table}" x`,
    );
    out[table] = `${Number(rows[0]?.n)}:${rows[0]?.h}`;
  }
  return out;
}

async function count(t: TestDb, sql: string): Promise<number> {
  const rows = await t.db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT count(*) AS n FROM (${sql}) q`);
  return Number(rows[0]?.n);
}

describe("random", () => {
  it("is deterministic from the seed and stays in range", () => {
    const a = createRng(123);
    const b = createRng(123);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(createRng(124).next()).not.toBe(xs[0]);
    const r = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
      expect(r.lognormal(10, 0.5)).toBeGreaterThan(0);
    }
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(createRng(9).fork("x").next()).toBe(createRng(9).fork("x").next());
    expect(createRng(9).fork("x").next()).not.toBe(createRng(9).fork("y").next());
  });
});

describe("generateDemo (size test)", () => {
  let first: TestDb;
  let summary: DemoSummary;

  beforeAll(async () => {
    first = await createTestDb();
    summary = await generateDemo(first.db, { seed: 7, size: "test", now: NOW });
  });
  afterAll(async () => {
    await first?.close();
  });

  it("is deterministic: same seed and now give identical rows, another seed differs", async () => {
    const fp1 = await fingerprint(first);
    const second = await createTestDb();
    try {
      const s2 = await generateDemo(second.db, { seed: 7, size: "test", now: NOW });
      expect(s2.totals).toEqual(summary.totals);
      expect(await fingerprint(second)).toEqual(fp1);
      // empty the database again (every demo row hangs off these three tables) and use another seed
      await second.db.$executeRawUnsafe(`TRUNCATE "Organization", "User", "LoginEvent" CASCADE`);
      await generateDemo(second.db, { seed: 8, size: "test", now: NOW });
      const fp3 = await fingerprint(second);
      expect(fp3.Lead).not.toBe(fp1.Lead);
      expect(fp3.Deal).not.toBe(fp1.Deal);
      expect(fp3.Ticket).not.toBe(fp1.Ticket);
      expect(fp3.SurveyResponse).not.toBe(fp1.SurveyResponse);
    } finally {
      await second.close();
    }
  });

  it("refuses to generate twice into the same database", async () => {
    await expect(generateDemo(first.db, { seed: 7, size: "test", now: NOW })).rejects.toThrow(/already exist/);
  });

  it("creates both organizations with users of every role and the fixed demo logins", async () => {
    const orgs = await first.db.organization.findMany({ orderBy: { slug: "asc" }, include: { memberships: { include: { user: true } } } });
    expect(orgs.map((o) => [o.slug, o.name, o.currency])).toEqual([
      ["contoso", "Contoso Retail", "USD"],
      ["northwind", "Northwind Analytics", "USD"],
    ]);
    for (const o of orgs) {
      expect(new Set(o.memberships.map((m) => m.role))).toEqual(new Set(["CRM_MANAGER", "SALES_MANAGER", "SUPPORT_MANAGER", "SALES_REP", "SUPPORT_AGENT"]));
    }
    for (const u of DEMO_USERS) {
      const org = orgs.find((o) => o.slug === u.org);
      const m = org?.memberships.find((x) => x.user.email === u.email);
      expect(m?.role, u.email).toBe(u.role);
    }
    const hashes = new Set((await first.db.user.findMany({ select: { passwordHash: true } })).map((x) => x.passwordHash));
    expect(hashes.size).toBe(1);
    expect([...hashes][0]).toMatch(/^\$argon2id\$/);
    const teams = await first.db.team.findMany({ where: { organizationId: orgs[1]?.id } });
    expect(teams.map((t) => t.name).sort()).toEqual(["Sales", "Support"]);
    const stages = await first.db.pipelineStage.findMany({ where: { organizationId: orgs[1]?.id }, orderBy: { position: "asc" } });
    expect(stages.map((s) => `${s.position}:${s.name}:${s.probability}:${s.kind}`)).toEqual([
      "1:Prospecting:10:OPEN", "2:Qualification:20:OPEN", "3:Needs Analysis:40:OPEN", "4:Proposal:60:OPEN",
      "5:Negotiation:80:OPEN", "6:Closed Won:100:WON", "7:Closed Lost:0:LOST",
    ]);
    expect(await first.db.campaign.count({ where: { organizationId: orgs[1]?.id, isNurture: true, name: "Nurture" } })).toBe(1);
    expect((await first.db.survey.findMany({ where: { organizationId: orgs[1]?.id } })).map((s) => s.type).sort()).toEqual(["CES", "CSAT", "NPS"]);
    // the two example automation rules, switched on, pointing at the organization's nurture campaign
    const rules = await first.db.automationRule.findMany({ where: { organizationId: orgs[1]?.id }, orderBy: { name: "asc" } });
    expect(rules.map((r) => [r.name, r.active])).toEqual([["Deal above 500: call within 24 h", true], ["Deal below 500: lead into nurture", true]]);
    const nurture = await first.db.campaign.findFirst({ where: { organizationId: orgs[1]?.id, isNurture: true }, select: { id: true } });
    expect(rules[1]?.actions).toEqual([{ type: "addToCampaign", campaignId: nurture?.id }]);
  });

  it("scores every lead in SQL with the default scoring model; converted leads score higher than lost ones", async () => {
    expect(await count(first, `SELECT id FROM "LeadScoreWeight"`)).toBe(2 * DEFAULT_SCORING_WEIGHTS.length);
    // every stored score is what the model gives now
    expect(await count(first, `SELECT l.id FROM "Lead" l WHERE l.score <> ${SCORE_SQL}`)).toBe(0);
    expect(await count(first, `SELECT id FROM "Lead" WHERE score > 0`)).toBeGreaterThan(await count(first, `SELECT id FROM "Lead"`) * 0.8);
    const [avg] = await first.db.$queryRawUnsafe<{ converted: number; lost: number }[]>(
      `SELECT avg(score) FILTER (WHERE status = 'CONVERTED')::float8 AS converted, avg(score) FILTER (WHERE status = 'LOST')::float8 AS lost FROM "Lead"`,
    );
    expect(avg!.converted).toBeGreaterThan(avg!.lost);
  });

  it("has roughly the requested amounts of data", () => {
    const nw = summary.organizations.find((o) => o.slug === "northwind")?.counts ?? {};
    expect(nw.Account).toBe(40);
    expect(nw.Lead).toBeGreaterThanOrEqual(200);
    expect(nw.Deal).toBeGreaterThanOrEqual(80);
    expect(nw.Ticket).toBe(150);
    expect(nw.SurveyResponse).toBe(100);
    for (const t of ["Contact", "DealStageChange", "Purchase", "Activity", "Cost", "AuditLog", "LoginEvent"]) expect(nw[t], t).toBeGreaterThan(0);
  });

  it("keeps deal stage histories consistent", async () => {
    // every deal has a history that starts from nothing, chains from -> to in time order and ends at its stage
    expect(await count(first, `SELECT d.id FROM "Deal" d WHERE NOT EXISTS (SELECT 1 FROM "DealStageChange" c WHERE c."dealId" = d.id)`)).toBe(0);
    const broken = `
      WITH c AS (
        SELECT c.*, lag("toStageId") OVER w AS prev_to, lag("changedAt") OVER w AS prev_at,
               row_number() OVER w AS rn, count(*) OVER (PARTITION BY "dealId") AS n
        FROM "DealStageChange" c WINDOW w AS (PARTITION BY "dealId" ORDER BY "changedAt"))
      SELECT c.id FROM c JOIN "Deal" d ON d.id = c."dealId"
      WHERE (c.rn = 1 AND (c."fromStageId" IS NOT NULL OR c."changedAt" <> d."openedAt"))
         OR (c.rn > 1 AND (c."fromStageId" IS DISTINCT FROM c.prev_to OR c."changedAt" <= c.prev_at))
         OR (c.rn = c.n AND c."toStageId" <> d."stageId")
         OR (c.rn = c.n AND d."closedAt" IS NOT NULL AND c."changedAt" <> d."closedAt")
         OR c."organizationId" <> d."organizationId"`;
    expect(await count(first, broken)).toBe(0);
    // status agrees with the stage kind; closed deals have closedAt >= openedAt, open ones none
    expect(await count(first, `SELECT d.id FROM "Deal" d JOIN "PipelineStage" s ON s.id = d."stageId" WHERE s.kind::text <> d.status::text OR s."organizationId" <> d."organizationId"`)).toBe(0);
    expect(await count(first, `SELECT id FROM "Deal" WHERE (status <> 'OPEN' AND ("closedAt" IS NULL OR "closedAt" < "openedAt")) OR (status = 'OPEN' AND "closedAt" IS NOT NULL)`)).toBe(0);
    expect(await count(first, `SELECT id FROM "Deal" WHERE "engagedAt" < "openedAt" OR "openedAt" > $1::timestamp OR "closedAt" > $1::timestamp`.replaceAll("$1::timestamp", `'${NOW.toISOString()}'::timestamp`))).toBe(0);
    for (const status of ["WON", "LOST", "OPEN"]) expect(await count(first, `SELECT id FROM "Deal" WHERE status = '${status}'`), status).toBeGreaterThan(0);
    for (const type of ["NEW", "RENEWAL", "CROSS_SELL"]) expect(await count(first, `SELECT id FROM "Deal" WHERE type = '${type}'`), type).toBeGreaterThan(0);
    // deals and their accounts/leads are in the same organization
    expect(await count(first, `SELECT d.id FROM "Deal" d JOIN "Account" a ON a.id = d."accountId" WHERE a."organizationId" <> d."organizationId"`)).toBe(0);
    expect(await count(first, `SELECT d.id FROM "Deal" d JOIN "Lead" l ON l.id = d."leadId" WHERE l."organizationId" <> d."organizationId" OR l."convertedAt" > d."openedAt" OR l.status <> 'CONVERTED'`)).toBe(0);
  });

  it("keeps accounts, leads, tickets and responses consistent", async () => {
    const now = `'${NOW.toISOString()}'::timestamp`;
    expect(await count(first, `SELECT id FROM "Account" WHERE "churnDate" <= "startDate" OR ("churnDate" IS NOT NULL) <> (status = 'CHURNED') OR (status <> 'PROSPECT' AND "startDate" IS NULL) OR "startDate" > ${now}`)).toBe(0);
    expect(await count(first, `SELECT id FROM "Account" WHERE status = 'CHURNED'`)).toBeGreaterThan(0);
    // a customer's first NEW deal was won on the day it became a customer (legacy customers predate the history)
    expect(await count(first, `SELECT d.id FROM "Deal" d JOIN "Account" a ON a.id = d."accountId" WHERE d.type = 'NEW' AND d.status = 'WON' AND d."closedAt" <> a."startDate"`)).toBe(0);
    expect(await count(first, `SELECT id FROM "Lead" WHERE "convertedAt" < "createdAt" OR "lostAt" < "createdAt" OR ("convertedAt" IS NOT NULL) <> (status = 'CONVERTED') OR ("lostAt" IS NOT NULL) <> (status = 'LOST') OR "createdAt" > ${now}`)).toBe(0);
    expect(await count(first, `SELECT id FROM "Ticket" WHERE "firstResponseAt" < "openedAt" OR "resolvedAt" < "openedAt" OR "resolvedAt" < "firstResponseAt" OR "resolvedAt" > ${now} OR ("resolvedAt" IS NOT NULL) <> (status IN ('RESOLVED', 'CLOSED'))`)).toBe(0);
    expect(await count(first, `SELECT id FROM "Ticket" WHERE "resolvedAt" IS NULL`)).toBeGreaterThan(0);
    expect(await count(first, `SELECT id FROM "SurveyResponse" WHERE (type = 'NPS' AND score NOT BETWEEN 0 AND 10) OR (type = 'CSAT' AND score NOT BETWEEN 1 AND 5) OR (type = 'CES' AND score NOT BETWEEN 1 AND 7) OR "respondedAt" > ${now}`)).toBe(0);
    expect(await count(first, `SELECT r.id FROM "SurveyResponse" r JOIN "Survey" s ON s.id = r."surveyId" WHERE s.type <> r.type OR s."organizationId" <> r."organizationId"`)).toBe(0);
    expect(await count(first, `SELECT r.id FROM "SurveyResponse" r JOIN "Ticket" t ON t.id = r."ticketId" WHERE r."respondedAt" < t."resolvedAt" OR t."organizationId" <> r."organizationId"`)).toBe(0);
    expect(await count(first, `SELECT id FROM "Purchase" WHERE "purchasedAt" > ${now} OR amount <= 0`)).toBe(0);
    expect(await count(first, `SELECT id FROM "Activity" WHERE "doneAt" IS NULL AND "dueAt" < ${now}`)).toBeGreaterThan(0);
    expect(await count(first, `SELECT id FROM "LoginEvent" WHERE NOT success OR "organizationId" IS NULL OR "createdAt" > ${now}`)).toBe(0);
    expect(await count(first, `SELECT id FROM "Cost" WHERE "periodEnd" <= "periodStart"`)).toBe(0);
    expect(await count(first, `SELECT DISTINCT kind FROM "Cost"`)).toBe(2);
  });
});
