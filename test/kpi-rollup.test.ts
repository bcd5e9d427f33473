import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./db";
import { generateDemo } from "@/server/demo/generate";
import { KPIS } from "@/server/kpi/catalog";
import { computeKpi, usesRollup, type KpiResult } from "@/server/kpi/engine";
import { campaignTable, leadConversionBy } from "@/server/kpi/families/campaigns";
import { resolvePeriod, type ResolvedPeriod } from "@/server/kpi/period";
import type { KpiDefinition, KpiFilters } from "@/server/kpi/types";

// The daily rollup ("KpiDaily", kept by triggers) must give exactly what the base tables give: every KPI that has
// a rollup shape is computed both ways over a generated company, then again after inserts, updates (owner change,
// soft delete and undelete, a ticket resolved later, amounts and fields edited), hard deletes and a no-op update.
// Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
const now = new Date("2026-06-15T00:00:00Z");
let t: TestDb;
let org: string;
let rep: string;
let agent: string;
let team: string;
let campaign: string;

const ROLLUP_KPIS = KPIS.filter((k) => k.rollup);
const periods: [string, ResolvedPeriod][] = [
  ["last 12 months by month", resolvePeriod({ preset: "last_12_months" }, { now, grain: "month" })],
  ["this quarter by week", resolvePeriod({ preset: "this_quarter" }, { now, grain: "week" })],
  ["last 30 days", resolvePeriod({ preset: "last_30_days" }, { now })],
];

/** the same numbers, up to float rounding (a mean is sum ÷ n in one and avg() in the other) */
function expectSame(a: KpiResult, b: KpiResult, label: string) {
  const values = (r: KpiResult) => [r.current.value, r.previous.value, ...r.series.map((p) => p.value)];
  const [x, y] = [values(a), values(b)];
  expect(x.length, label).toBe(y.length);
  x.forEach((v, i) => {
    if (v === null || y[i] === null) expect(v, `${label} [${i}]`).toBe(y[i]);
    else expect(Math.abs(v - y[i]!), `${label} [${i}]: ${v} vs ${y[i]}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y[i]!)));
  });
}

async function compareAll(): Promise<number> {
  let compared = 0;
  let nonZero = 0;
  for (const [name, period] of periods) {
    const ranges = [period.current, period.previous, ...period.series];
    for (const kpi of ROLLUP_KPIS) {
      const filterSets: KpiFilters[] = [{}];
      if (kpi.rollup!.filters.includes("ownerId")) filterSets.push({ ownerId: ownerFor(kpi) }, { teamId: team });
      // ticket metrics are also kept per channel and per priority (alone, or with an owner)
      if (kpi.rollup!.filters.includes("channel")) filterSets.push({ channel: "EMAIL" }, { channel: "PHONE" });
      if (kpi.rollup!.filters.includes("priority")) filterSets.push({ priority: "HIGH" });
      if (kpi.rollup!.filters.includes("channel") && kpi.rollup!.filters.includes("ownerId")) filterSets.push({ ownerId: agent, channel: "EMAIL" }, { teamId: team, priority: "LOW" });
      // lead metrics per source and campaign, won deals per campaign (alone, or with an owner)
      if (kpi.rollup!.filters.includes("source")) filterSets.push({ source: "web" }, { ownerId: rep, source: "event" });
      if (kpi.rollup!.filters.includes("campaignId")) filterSets.push({ campaignId: campaign }, { teamId: team, campaignId: campaign });
      for (const filters of filterSets) {
        expect(usesRollup(kpi, ranges, filters), `${kpi.id} reads the rollup`).toBe(true);
        const [viaRollup, viaBase] = [await computeKpi(t.db, org, kpi, period, filters), await computeKpi(t.db, org, kpi, period, filters, { source: "base" })];
        expectSame(viaRollup, viaBase, `${kpi.id} ${name} ${JSON.stringify(filters)}`);
        compared++;
        if (viaBase.current.value) nonZero++;
      }
    }
  }
  // the breakdown reports read the per-source / per-campaign metrics: the same rows as from the leads and deals
  let campaignsWithDeals = 0;
  for (const [name, period] of periods) {
    const r = period.current;
    for (const by of ["source", "campaign"] as const) {
      const [viaRollup, viaBase] = [await leadConversionBy(t.db, org, r, by), await leadConversionBy(t.db, org, r, by, "base")];
      expect(viaBase.length, `conversion by ${by} ${name}`).toBeGreaterThan(1);
      expect(viaRollup, `conversion by ${by} ${name}`).toEqual(viaBase);
    }
    const [viaRollup, viaBase] = [await campaignTable(t.db, org, r), await campaignTable(t.db, org, r, "base")];
    campaignsWithDeals += viaBase.filter((c) => c.leads > 0 && c.wonDeals > 0).length;
    expect(viaRollup, `campaign table ${name}`).toEqual(viaBase);
  }
  expect(campaignsWithDeals).toBeGreaterThan(0);
  // the comparison means something only if most values are not empty
  expect(nonZero).toBeGreaterThan(compared * 0.6);
  return compared;
}
const ownerFor = (k: KpiDefinition) => (k.family === "support" ? agent : rep);

describe("KPI daily rollup", () => {
  beforeAll(async () => {
    t = await createTestDb();
    await generateDemo(t.db, { seed: 7, size: "test", now });
    org = (await t.db.organization.findUniqueOrThrow({ where: { slug: "northwind" } })).id;
    rep = (await t.db.membership.findFirstOrThrow({ where: { organizationId: org, role: "SALES_REP" } })).userId;
    agent = (await t.db.membership.findFirstOrThrow({ where: { organizationId: org, role: "SUPPORT_AGENT" } })).userId;
    const m = await t.db.membership.findFirstOrThrow({ where: { organizationId: org, teamId: { not: null } } });
    team = m.teamId!;
    // the campaign with the most leads
    campaign = (await t.db.$queryRawUnsafe<{ id: string }[]>(`SELECT "campaignId" AS id FROM "Lead" WHERE "organizationId" = $1::uuid AND "campaignId" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, org))[0]!.id;
  }, 300_000);
  afterAll(async () => t?.close());

  it("is filled by the backfill / inserts: every rollup KPI equals the base-table computation", async () => {
    expect(ROLLUP_KPIS.length).toBeGreaterThan(25);
    expect(await compareAll()).toBeGreaterThan(100);
  }, 300_000);

  it("channel and priority together read the base tables (the rollup keeps each alone)", () => {
    const p = resolvePeriod({ preset: "last_30_days" }, { now });
    const kpi = KPIS.find((k) => k.id === "tickets_opened_per_day")!;
    const ranges = [p.current, p.previous];
    expect(usesRollup(kpi, ranges, { channel: "EMAIL" })).toBe(true);
    expect(usesRollup(kpi, ranges, { channel: "EMAIL", priority: "HIGH" })).toBe(false);
  });

  it("a period that does not start at midnight reads the base tables", () => {
    const p = resolvePeriod({ start: new Date("2026-01-01T12:00:00Z"), end: new Date("2026-02-01T00:00:00Z") }, { now });
    const kpi = KPIS.find((k) => k.id === "leads_created")!;
    expect(usesRollup(kpi, [p.current], {})).toBe(false);
    // two dimensions at once are not kept either
    expect(usesRollup(kpi, [resolvePeriod({ preset: "last_month" }, { now }).current], { source: "web" })).toBe(true);
    expect(usesRollup(kpi, [resolvePeriod({ preset: "last_month" }, { now }).current], { source: "web", campaignId: campaign })).toBe(false);
  });

  it("follows updates, soft deletes, owner changes, late resolutions and hard deletes", async () => {
    const x = (sql: string) => t.db.$executeRawUnsafe(sql, org);
    const some = (table: string, where = "true", n = 15) => `SELECT id FROM "${table}" WHERE "organizationId" = $1::uuid AND ${where} ORDER BY id LIMIT ${n}`;
    const other = `(SELECT "userId" FROM "Membership" WHERE "organizationId" = $1::uuid AND "userId" IS DISTINCT FROM '${rep}' ORDER BY "userId" LIMIT 1)`;
    // owner changes (to another user, to the rep, to nobody)
    await x(`UPDATE "Lead" SET "ownerId" = ${other} WHERE id IN (${some("Lead", `"ownerId" = '${rep}'`)})`);
    await x(`UPDATE "Lead" SET "ownerId" = '${rep}' WHERE id IN (${some("Lead", `"ownerId" IS DISTINCT FROM '${rep}'`)})`);
    await x(`UPDATE "Deal" SET "ownerId" = NULL WHERE id IN (${some("Deal", `"ownerId" = '${rep}'`, 5)})`);
    await x(`UPDATE "Ticket" SET "assigneeId" = '${agent}' WHERE id IN (${some("Ticket", `"assigneeId" IS DISTINCT FROM '${agent}'`)})`);
    // dimension changes: a lead's source and campaign, a won deal's campaign
    await x(`UPDATE "Lead" SET source = 'event' WHERE id IN (${some("Lead", `source = 'web'`, 12)})`);
    await x(`UPDATE "Lead" SET "campaignId" = NULL WHERE id IN (${some("Lead", `"campaignId" = '${campaign}'`, 6)})`);
    await x(`UPDATE "Lead" SET "campaignId" = '${campaign}' WHERE id IN (${some("Lead", `"campaignId" IS NULL AND "convertedAt" IS NOT NULL`, 6)})`);
    await x(`UPDATE "Deal" SET "campaignId" = '${campaign}' WHERE id IN (${some("Deal", `status = 'WON' AND "campaignId" IS DISTINCT FROM '${campaign}'`, 5)})`);
    await x(`UPDATE "Deal" SET "campaignId" = NULL WHERE id IN (${some("Deal", `status = 'WON' AND "campaignId" = '${campaign}'`, 2)})`);
    // soft delete, and an undelete
    await x(`UPDATE "Deal" SET "deletedAt" = now() WHERE id IN (${some("Deal", `status = 'WON'`)})`);
    await x(`UPDATE "Deal" SET "deletedAt" = NULL WHERE id IN (${some("Deal", `"deletedAt" IS NOT NULL`, 3)})`);
    await x(`UPDATE "Lead" SET "deletedAt" = now() WHERE id IN (${some("Lead", `"convertedAt" IS NOT NULL`)})`);
    await x(`UPDATE "Account" SET "deletedAt" = now() WHERE id IN (${some("Account", `"startDate" IS NOT NULL`, 3)})`);
    // state changes: a deal won later with a new amount, a ticket resolved later, a customer lost, fields emptied
    await x(`UPDATE "Deal" SET status = 'WON', "closedAt" = '2026-05-20 10:00', amount = amount + 1234.56 WHERE id IN (${some("Deal", `status = 'OPEN'`, 5)})`);
    await x(`UPDATE "Deal" SET status = 'LOST', "closedAt" = '2026-03-02 09:00' WHERE id IN (${some("Deal", `status = 'WON'`, 4)})`);
    await x(`UPDATE "Ticket" SET status = 'RESOLVED', "resolvedAt" = '2026-06-10 16:30', "contactCount" = 1 WHERE id IN (${some("Ticket", `"resolvedAt" IS NULL`, 8)})`);
    await x(`UPDATE "Ticket" SET "resolvedAt" = NULL, status = 'OPEN', "reopenCount" = "reopenCount" + 1 WHERE id IN (${some("Ticket", `"resolvedAt" IS NOT NULL`, 6)})`);
    await x(`UPDATE "Ticket" SET "firstResponseAt" = "openedAt" + interval '90 minutes' WHERE id IN (${some("Ticket", "true", 10)})`);
    await x(`UPDATE "Account" SET "churnDate" = '2026-04-03 00:00', segment = '  ' WHERE id IN (${some("Account", `"startDate" < '2026-01-01' AND "churnDate" IS NULL`, 4)})`);
    await x(`UPDATE "Contact" SET email = NULL, "emailOptInAt" = '2026-02-14 08:00' WHERE id IN (${some("Contact", "true", 6)})`);
    // duplicate contacts (the duplicate rate reads "ContactDuplicate"): new contacts sharing an email (other case and
    // spaces; one created before the first of its key), an email changed to another's, duplicates soft-deleted,
    // restored, hard-deleted and moved to another owner
    const withEmail = (n: number, order = "") => `SELECT id FROM "Contact" WHERE "organizationId" = $1::uuid AND "deletedAt" IS NULL AND NULLIF(trim(email), '') IS NOT NULL ORDER BY id ${order} LIMIT ${n}`;
    await x(`INSERT INTO "Contact" ("organizationId", "firstName", "lastName", email, "ownerId", "createdAt")
      SELECT c."organizationId", 'Dup', c."lastName", '  ' || upper(c.email) || ' ', '${rep}', timestamp '2026-01-10 10:00' + (row_number() OVER (ORDER BY c.id)) * interval '9 days'
        FROM "Contact" c WHERE c.id IN (${withEmail(8)})`);
    await x(`INSERT INTO "Contact" ("organizationId", "firstName", "lastName", email, "createdAt")
      SELECT c."organizationId", 'Early', c."lastName", c.email, c."createdAt" - interval '400 days' FROM "Contact" c WHERE c.id IN (${withEmail(2, "DESC")})`);
    await x(`UPDATE "Contact" SET email = (SELECT email FROM "Contact" WHERE id IN (${withEmail(1)})) WHERE id IN (${withEmail(3, "DESC")})`);
    await x(`UPDATE "Contact" SET "deletedAt" = now() WHERE id IN (SELECT "contactId" FROM "ContactDuplicate" WHERE "organizationId" = $1::uuid ORDER BY "contactId" LIMIT 4)`);
    await x(`UPDATE "Contact" SET "deletedAt" = NULL WHERE id IN (SELECT id FROM "Contact" WHERE "organizationId" = $1::uuid AND "deletedAt" IS NOT NULL AND email IS NOT NULL ORDER BY id LIMIT 2)`);
    await x(`DELETE FROM "Contact" WHERE id IN (SELECT "contactId" FROM "ContactDuplicate" WHERE "organizationId" = $1::uuid ORDER BY "contactId" DESC LIMIT 2)`);
    await x(`UPDATE "Contact" SET "ownerId" = NULL WHERE id IN (SELECT "contactId" FROM "ContactDuplicate" WHERE "organizationId" = $1::uuid AND "ownerId" = '${rep}' ORDER BY "contactId" LIMIT 3)`);
    await x(`UPDATE "SurveyResponse" SET score = 10 WHERE id IN (${some("SurveyResponse", `type = 'NPS'`, 6)})`);
    // purchases (CLV, margin per customer read "PurchaseDay"): purchases are edited, moved to
    // another day (between two of the account's days, and onto a day it already has) and to another account,
    // soft-deleted and restored, hard-deleted, and added in bulk (several on one day of one account); then accounts change owner and start date
    const bought = (n: number, where = "true", order = "") => `SELECT "accountId" FROM "Purchase" WHERE "organizationId" = $1::uuid AND ${where} GROUP BY 1 ORDER BY 1 ${order} LIMIT ${n}`;
    await x(`UPDATE "Purchase" SET amount = amount + 250.5, cost = cost + 20 WHERE id IN (${some("Purchase", `"purchasedAt" >= '2025-09-01'`, 12)})`);
    await x(`UPDATE "Purchase" SET "purchasedAt" = '2026-03-17 15:00' WHERE id IN (${some("Purchase", `"purchasedAt" < '2025-01-01'`, 10)})`);
    await x(`UPDATE "Purchase" p SET "purchasedAt" = (SELECT max(q."purchasedAt") FROM "Purchase" q WHERE q."accountId" = p."accountId") + interval '2 hours' WHERE id IN (${some("Purchase", `"purchasedAt" >= '2025-06-01'`, 8)})`);
    await x(`UPDATE "Purchase" SET "accountId" = (${bought(1, `"accountId" IN (SELECT id FROM "Account" WHERE "ownerId" = '${rep}')`, "DESC")}) WHERE id IN (${some("Purchase", `"purchasedAt" >= '2025-12-01'`, 5)})`);
    await x(`UPDATE "Purchase" SET "deletedAt" = now() WHERE id IN (${some("Purchase", `"purchasedAt" >= '2025-10-01'`, 10)})`);
    await x(`UPDATE "Purchase" SET "deletedAt" = NULL WHERE id IN (${some("Purchase", `"deletedAt" IS NOT NULL`, 4)})`);
    await x(`DELETE FROM "Purchase" WHERE id IN (${some("Purchase", `"purchasedAt" >= '2025-08-01'`, 6)})`);
    await x(`INSERT INTO "Purchase" ("organizationId", "accountId", "purchasedAt", amount, cost)
      SELECT a."organizationId", a.id, timestamp '2026-02-03 09:00' + (g.i * interval '3 hours'), 100 + g.i, 30
        FROM (${bought(7, "true", "DESC")}) s JOIN "Account" a ON a.id = s."accountId" CROSS JOIN generate_series(0, 2) g(i)`);
    await x(`UPDATE "Account" SET "deletedAt" = NULL WHERE id IN (${some("Account", `"deletedAt" IS NOT NULL`, 1)})`);
    await x(`UPDATE "Account" SET "ownerId" = '${rep}' WHERE id IN (${bought(6, `"purchasedAt" >= '2025-07-01' AND "accountId" IN (SELECT id FROM "Account" WHERE "ownerId" IS DISTINCT FROM '${rep}')`)})`);
    await x(`UPDATE "Account" SET "ownerId" = NULL WHERE id IN (${bought(3, `"purchasedAt" >= '2025-07-01' AND "accountId" IN (SELECT id FROM "Account" WHERE "ownerId" = '${rep}')`, "DESC")})`);
    // won deals with purchases (new revenue within 6 / 12 months of close) change owner and close day
    await x(`UPDATE "Deal" SET "ownerId" = NULL WHERE id IN (SELECT "dealId" FROM "DealRevenue" WHERE "organizationId" = $1::uuid AND "ownerId" = '${rep}' AND "closedAt" >= '2025-07-01' ORDER BY "dealId" LIMIT 4)`);
    await x(`UPDATE "Deal" SET "closedAt" = "closedAt" - interval '75 days' WHERE id IN (SELECT "dealId" FROM "DealRevenue" WHERE "organizationId" = $1::uuid AND "closedAt" >= '2025-07-01' ORDER BY "dealId" DESC LIMIT 4)`);
    // accounts that buy become customers on another day (CAC payback: the margin of the period's new customers)
    await x(`UPDATE "Account" SET "startDate" = '2026-02-10 12:00' WHERE id IN (${bought(5, `"purchasedAt" >= '2026-02-10' AND "purchasedAt" < '2026-06-01'`, "DESC")})`);
    // hard deletes (tickets: their answers lose the ticket by ON DELETE SET NULL)
    await x(`DELETE FROM "Ticket" WHERE id IN (${some("Ticket", `"resolvedAt" IS NOT NULL`, 5)})`);
    await x(`DELETE FROM "Ticket" WHERE id IN (SELECT "ticketId" FROM "SurveyResponse" WHERE "organizationId" = $1::uuid AND "ticketId" IS NOT NULL ORDER BY id LIMIT 6)`);
    // calls: soft-deleted, added, and calls whose lead is hard-deleted (their leadId is set to NULL by the foreign key)
    await x(`UPDATE "Activity" SET "deletedAt" = now() WHERE id IN (${some("Activity", `type = 'CALL' AND "leadId" IS NOT NULL`, 5)})`);
    await x(`INSERT INTO "Activity" ("organizationId", type, subject, "leadId", "createdAt") SELECT "organizationId", 'CALL', 'call', id, '2026-05-05 11:00' FROM "Lead" WHERE id IN (${some("Lead", `"ownerId" = '${rep}'`, 8)})`);
    await x(`DELETE FROM "Lead" WHERE id IN (SELECT "leadId" FROM "Activity" WHERE "organizationId" = $1::uuid AND type = 'CALL' AND "leadId" IS NOT NULL ORDER BY id LIMIT 6)`);
    await x(`DELETE FROM "Lead" WHERE id IN (${some("Lead", "true", 5)})`);
    await x(`DELETE FROM "SurveyResponse" WHERE id IN (${some("SurveyResponse", `type = 'CSAT'`, 5)})`);
    // audit entries (records created / updated per user): added for the rep, removed, and one made the system's
    await x(`INSERT INTO "AuditLog" ("organizationId", "actorId", action, "entityType", "entityId", "createdAt") SELECT "organizationId", '${rep}', 'create', 'Lead', id::text, '2026-05-06 10:00' FROM "Lead" WHERE id IN (${some("Lead", "true", 7)})`);
    await x(`DELETE FROM "AuditLog" WHERE id IN (${some("AuditLog", `action = 'update'`, 5)})`);
    await x(`DELETE FROM "AuditLog" WHERE id IN (${some("AuditLog", `"actorId" = '${rep}'`, 40)})`);
    await x(`UPDATE "AuditLog" SET "actorId" = NULL WHERE id IN (${some("AuditLog", `action = 'create'`, 3)})`);
    // a bulk insert through Prisma, and an update that changes no metric
    await t.db.lead.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        organizationId: org, firstName: "Bulk", lastName: `${i}`, source: i % 2 ? "web" : "event", ownerId: i % 3 ? rep : null,
        createdAt: new Date(Date.UTC(2026, i % 6, 1 + (i % 27), i % 24)), convertedAt: i % 4 ? null : new Date(Date.UTC(2026, 5, 1 + (i % 10))),
      })),
    });
    await x(`UPDATE "Lead" SET "updatedAt" = now() WHERE "organizationId" = $1::uuid`);
    await compareAll();
    // the per-day sums over owners (what unfiltered KPIs read) are exactly the sums of the per-owner rows
    const mismatched = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM
      (SELECT "organizationId", metric, day, sum(n) AS n, sum(total) AS total FROM "KpiDaily" GROUP BY 1, 2, 3) d
      FULL JOIN "KpiDailyOrg" o USING ("organizationId", metric, day)
      WHERE (COALESCE(d.n, 0), COALESCE(d.total, 0)) IS DISTINCT FROM (COALESCE(o.n, 0), COALESCE(o.total, 0))`);
    expect(Number(mismatched[0]!.n)).toBe(0);
    // and the monthly sums (what duration percentiles read for whole months) are the sums of those days
    const monthsMismatched = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM
      (SELECT "organizationId", metric, date_trunc('month', day) AS month, sum(n) AS n, sum(total) AS total FROM "KpiDailyOrg" GROUP BY 1, 2, 3) d
      FULL JOIN "KpiMonthlyOrg" o USING ("organizationId", metric, month)
      WHERE (COALESCE(d.n, 0), COALESCE(d.total, 0)) IS DISTINCT FROM (COALESCE(o.n, 0), COALESCE(o.total, 0))`);
    expect(Number(monthsMismatched[0]!.n)).toBe(0);
  }, 300_000);

  it("an organization's rollup rows go with it", async () => {
    const contoso = (await t.db.organization.findUniqueOrThrow({ where: { slug: "contoso" } })).id;
    const count = async () => Number((await t.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT (SELECT count(*) FROM "KpiDaily" WHERE "organizationId" = $1::uuid) + (SELECT count(*) FROM "KpiDailyOrg" WHERE "organizationId" = $1::uuid)
         + (SELECT count(*) FROM "KpiMonthlyOrg" WHERE "organizationId" = $1::uuid) + (SELECT count(*) FROM "PurchaseDay" WHERE "organizationId" = $1::uuid) + (SELECT count(*) FROM "ContactDuplicate" WHERE "organizationId" = $1::uuid)
         + (SELECT count(*) FROM "DealRevenue" WHERE "organizationId" = $1::uuid) AS n`, contoso))[0]!.n);
    expect(await count()).toBeGreaterThan(0);
    await t.db.$executeRawUnsafe(`DELETE FROM "DealStageChange" WHERE "organizationId" = $1::uuid`, contoso);
    await t.db.$executeRawUnsafe(`DELETE FROM "Deal" WHERE "organizationId" = $1::uuid`, contoso);
    await t.db.$executeRawUnsafe(`DELETE FROM "Organization" WHERE id = $1::uuid`, contoso);
    expect(await count()).toBe(0);
  }, 120_000);
});
