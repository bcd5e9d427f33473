import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./db";
import { generateDemo } from "@/server/demo/generate";
import { KPIS } from "@/server/kpi/catalog";
import { DERIVED_TABLES, ROLLUP_FEEDERS, cachedComponents, cachingDb, resultKey, rollupFamily, sourcesOf } from "@/server/kpi/cache";
import { computeKpi, kpiStatement, queryComponents, type KpiResult } from "@/server/kpi/engine";
import { resolvePeriod } from "@/server/kpi/period";
import { readKpis } from "@/server/kpi/read";
import { FILTER_KEYS, type KpiFilters } from "@/server/kpi/types";
import { campaignTable, leadConversionBy } from "@/server/kpi/families/campaigns";
import { npsDistribution } from "@/server/kpi/families/nps";
import { pipelineByStage } from "@/server/kpi/families/pipeline";
import { getCampaigns } from "@/server/kpi/reports";

// The KPI result cache (src/server/kpi/cache.ts) must never answer with a stale number: every KPI read through it
// equals the uncached computation after every kind of write, a cached result is really reused until a write to a
// table the KPI reads, a write committed while a result is being computed is not hidden, and folding the change
// rows keeps stamps valid. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
const now = new Date("2026-06-15T00:00:00Z");
const period = resolvePeriod({ preset: "last_12_months" }, { now, grain: "month" });
const ranges = [period.current, period.previous, ...period.series];
let t: TestDb;
let org: string;
let other: string;
let rep: string;

const values = (r: KpiResult) => [r.current.value, r.previous.value, ...r.series.map((p) => p.value)];
const cached = (id: string, filters: KpiFilters = {}, o = org) => computeKpi(t.db, o, KPIS.find((k) => k.id === id)!, period, filters, { cache: true });
const uncached = (id: string, filters: KpiFilters = {}, o = org) => computeKpi(t.db, o, KPIS.find((k) => k.id === id)!, period, filters);
const results = () => t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "KpiResult"`).then((r) => Number(r[0]!.n));

async function expectAllCurrent(label: string) {
  for (const kpi of KPIS) {
    const filters: KpiFilters = kpi.filters.includes("ownerId") && kpi.family !== "support" ? { ownerId: rep } : {};
    for (const f of [{}, filters]) {
      const c = await cached(kpi.id, f);
      expect(values(c), `${label}: ${kpi.id} ${JSON.stringify(f)}`).toEqual(values(await uncached(kpi.id, f)));
    }
  }
}

describe("KPI result cache", () => {
  beforeAll(async () => {
    t = await createTestDb();
    await generateDemo(t.db, { seed: 11, size: "test", now });
    org = (await t.db.organization.findUniqueOrThrow({ where: { slug: "northwind" } })).id;
    other = (await t.db.organization.findUniqueOrThrow({ where: { slug: "contoso" } })).id;
    rep = (await t.db.membership.findFirstOrThrow({ where: { organizationId: org, role: "SALES_REP" } })).userId;
  }, 300_000);
  afterAll(async () => t?.close());

  it("every table any KPI statement or breakdown report reads (any filter, rollup or base) has the change trigger", async () => {
    const id = "00000000-0000-0000-0000-000000000001";
    const sources = new Set<string>();
    // the reports' statements, captured
    const capture = { $queryRawUnsafe: async (sql: string) => (sourcesOf(sql).forEach((s) => sources.add(s)), []) } as never;
    for (const filters of [{}, { ownerId: id }, { teamId: id }]) {
      await pipelineByStage(capture, org, now, filters);
      await npsDistribution(capture, org, period.current, filters);
    }
    await campaignTable(capture, org, period.current);
    for (const by of ["source", "campaign"] as const) await leadConversionBy(capture, org, period.current, by);
    expect(sources.has("PipelineStage")).toBe(true);
    for (const kpi of KPIS)
      for (const key of [undefined, ...FILTER_KEYS.filter((k) => kpi.filters.includes(k))])
        for (const source of ["auto", "base"] as const) {
          const filters: KpiFilters = key ? { [key]: id } : {};
          sourcesOf(kpiStatement(org, kpi, ranges, filters, now, source).sql).forEach((s) => sources.add(s));
        }
    const triggered = await t.db.$queryRawUnsafe<{ tbl: string }[]>(
      `SELECT c.relname AS tbl FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname = 'kpi_change_insert'`,
    );
    const have = new Set(triggered.map((r) => r.tbl));
    // a rollup metric family is counted by the trigger on "KpiDaily" (migration kpi_change_by_metric)
    const families = new Set((await t.db.$queryRawUnsafe<{ f: string }[]>(`SELECT DISTINCT 'KpiDaily:' || kpi_metric_family(metric) AS f FROM "KpiDaily"`)).map((r) => r.f));
    const counted = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE c.relname = 'KpiDaily' AND g.tgname LIKE 'kpi_daily_change_%'`);
    expect(Number(counted[0]!.n)).toBe(4);
    expect(sources.size).toBeGreaterThan(10);
    expect([...sources].filter((s) => s.startsWith("KpiDaily:")).length).toBeGreaterThan(15);
    // the duration percentiles read the view "TicketDuration", counted by its own triggers on "Ticket"
    expect(sources.has("TicketDuration")).toBe(true);
    const durationTriggers = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE c.relname = 'Ticket' AND g.tgname LIKE 'ticket_duration_change_%'`);
    expect(Number(durationTriggers[0]!.n)).toBe(4);
    // the sales cycle median and the open-deal count read the view "DealCycle", counted by its own triggers on "Deal"
    expect(sources.has("DealCycle")).toBe(true);
    const cycleTriggers = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE c.relname = 'Deal' AND g.tgname LIKE 'deal_cycle_change_%'`);
    expect(Number(cycleTriggers[0]!.n)).toBe(4);
    for (const s of sources) {
      if (s === "TicketDuration" || s === "DealCycle") continue;
      if (s.startsWith("KpiDaily:")) expect(families.has(s), `${s} is read by a KPI but no metric of that family is in the rollup`).toBe(true);
      else expect(have.has(s), `"${s}" is read by a KPI but has no kpi_change trigger`).toBe(true);
    }
  });

  it("the metric family a statement names is the one the change trigger counts, for every metric in the rollup", async () => {
    const rows = await t.db.$queryRawUnsafe<{ metric: string; family: string }[]>(`SELECT DISTINCT metric, kpi_metric_family(metric) AS family FROM "KpiDaily"`);
    expect(rows.length).toBeGreaterThan(50);
    for (const r of rows) expect(rollupFamily(r.metric), r.metric).toBe(r.family);
    // a statement reading the rollup depends on the families it names, not on the tables feeding the rollup
    expect(sourcesOf(`SELECT 1 FROM "KpiDailyOrg" k WHERE k.metric IN ('deal.won', ('lead.created|source=' || $2)) AND k.metric = 'ticket_hist.resolved' || '.' || 3`)).toEqual(["KpiDaily:deal.won", "KpiDaily:lead.created", "KpiDaily:ticket_hist.resolved"]);
  });

  it('"KpiDaily" in a statement stands for exactly the tables whose triggers write it', async () => {
    const feeding = await t.db.$queryRawUnsafe<{ tbl: string }[]>(
      `SELECT DISTINCT c.relname AS tbl FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_proc p ON p.oid = g.tgfoid
        WHERE p.proname IN ('kpi_daily_trigger', 'kpi_daily_ticket_answers', 'kpi_daily_lead_calls') ORDER BY 1`,
    );
    expect(feeding.map((r) => r.tbl)).toEqual([...ROLLUP_FEEDERS].sort());
    // a feeder kept by triggers itself ("DealRevenue", "PurchaseDay") stands for its own feeders
    expect(sourcesOf(`SELECT 1 FROM "KpiDaily" k JOIN "Cost" c ON true`)).toEqual([...new Set([...ROLLUP_FEEDERS.filter((t) => !(t in DERIVED_TABLES)), "Purchase", "Cost"])].sort());
  });

  it("a table kept by triggers stands for exactly the tables whose triggers write it", async () => {
    const feeders = async (functions: string[]) =>
      (await t.db.$queryRawUnsafe<{ tbl: string }[]>(
        `SELECT DISTINCT c.relname AS tbl FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_proc p ON p.oid = g.tgfoid
          WHERE p.proname = ANY ($1::text[]) ORDER BY 1`,
        functions,
      )).map((r) => r.tbl);
    expect(await feeders(["purchase_day_purchases", "purchase_day_accounts"])).toEqual([...DERIVED_TABLES.PurchaseDay!].sort());
    expect(await feeders(["contact_duplicate_trigger"])).toEqual([...DERIVED_TABLES.ContactDuplicate!].sort());
    expect(await feeders(["deal_revenue_purchases", "deal_revenue_deals"])).toEqual([...DERIVED_TABLES.DealRevenue!].sort());
    expect(sourcesOf(`SELECT 1 FROM "PurchaseDay" d JOIN "ContactDuplicate" c ON true`)).toEqual(["Account", "Contact", "Purchase"]);
  });

  it("a second read is served from the cache (a planted value comes back) until the data changes", async () => {
    const first = await cached("tickets_opened_per_day");
    expect(first.current.value).toBeGreaterThan(0);
    // plant a different number in the stored result (the only one so far): only a cache hit can return it
    expect(await results()).toBe(1);
    const planted = ranges.map(() => ({ n: 123456, days: 1 }));
    await t.db.$executeRawUnsafe(`UPDATE "KpiResult" SET components = $2::jsonb WHERE "organizationId" = $1::uuid`, org, JSON.stringify(planted));
    expect((await cached("tickets_opened_per_day")).current.value).toBe(123456);
    // a write to another organization's tickets changes nothing here
    await t.db.$executeRawUnsafe(`UPDATE "Ticket" SET subject = subject || '.' WHERE id = (SELECT id FROM "Ticket" WHERE "organizationId" = $1::uuid LIMIT 1)`, other);
    expect((await cached("tickets_opened_per_day")).current.value).toBe(123456);
    // nor does a write to a table this KPI does not read
    await t.db.$executeRawUnsafe(`UPDATE "Deal" SET name = name || '.' WHERE id = (SELECT id FROM "Deal" WHERE "organizationId" = $1::uuid LIMIT 1)`, org);
    expect((await cached("tickets_opened_per_day")).current.value).toBe(123456);
    // it reads the rollup: a ticket write that changes no rollup metric (the subject) leaves it too
    await t.db.$executeRawUnsafe(`UPDATE "Ticket" SET subject = subject || '.' WHERE id = (SELECT id FROM "Ticket" WHERE "organizationId" = $1::uuid LIMIT 1)`, org);
    expect((await cached("tickets_opened_per_day")).current.value).toBe(123456);
    // a write that changes its metric ("ticket.opened": a ticket opened a day later, still in the period) makes it recompute
    await t.db.$executeRawUnsafe(`UPDATE "Ticket" SET "openedAt" = "openedAt" + interval '1 day' WHERE id = (SELECT id FROM "Ticket" WHERE "organizationId" = $1::uuid AND "openedAt" >= '2026-01-01' AND "openedAt" < '2026-06-01' ORDER BY id LIMIT 1)`, org);
    expect(values(await cached("tickets_opened_per_day"))).toEqual(values(await uncached("tickets_opened_per_day")));
  });

  it("a duration percentile stays cached across ticket writes that change no duration, and is recomputed after one that does", async () => {
    const id = "first_response_time_median";
    const first = await cached(id);
    expect(first.current.value).not.toBeNull();
    const kpi = KPIS.find((k) => k.id === id)!;
    const statement = kpiStatement(org, kpi, ranges, {}, now);
    expect(sourcesOf(statement.sql)).toContain("TicketDuration");
    expect(sourcesOf(statement.sql)).not.toContain("Ticket");
    const cacheKey = resultKey(statement);
    const planted = ranges.map(() => ({ p: 424242 }));
    expect(await t.db.$executeRawUnsafe(`UPDATE "KpiResult" SET components = $2::jsonb WHERE "organizationId" = $1::uuid AND key = $3`, org, JSON.stringify(planted), cacheKey)).toBe(1);
    const plantedValue = (await cached(id)).current.value;
    // answering a ticket again (contact count, status, updated at) changes no duration
    await t.db.$executeRawUnsafe(`UPDATE "Ticket" SET "contactCount" = "contactCount" + 1, "updatedAt" = now() WHERE id IN (SELECT id FROM "Ticket" WHERE "organizationId" = $1::uuid AND "firstResponseAt" IS NOT NULL ORDER BY id LIMIT 5)`, org);
    expect((await cached(id)).current.value).toBe(plantedValue);
    // a first response one second later: the same day and duration bucket (no rollup metric changes), another duration
    await t.db.$executeRawUnsafe(`UPDATE "Ticket" SET "firstResponseAt" = "firstResponseAt" + interval '1 second' WHERE id IN (SELECT id FROM "Ticket" WHERE "organizationId" = $1::uuid AND "firstResponseAt" >= '2026-05-01' ORDER BY id LIMIT 5)`, org);
    expect(values(await cached(id))).toEqual(values(await uncached(id)));
  });

  it("the sales cycle median stays cached across deal writes that change no cycle (amount, open stage), and is recomputed after a win", async () => {
    const id = "sales_cycle_median_days";
    const first = await cached(id);
    expect(first.current.value).not.toBeNull();
    const statement = kpiStatement(org, KPIS.find((k) => k.id === id)!, ranges, {}, now);
    expect(sourcesOf(statement.sql)).toContain("DealCycle");
    expect(sourcesOf(statement.sql)).not.toContain("Deal");
    const planted = ranges.map(() => ({ days: 4242 }));
    expect(await t.db.$executeRawUnsafe(`UPDATE "KpiResult" SET components = $2::jsonb WHERE "organizationId" = $1::uuid AND key = $3`, org, JSON.stringify(planted), resultKey(statement))).toBe(1);
    expect((await cached(id)).current.value).toBe(4242);
    // an amount edit and a move to another open stage change no cycle
    await t.db.$executeRawUnsafe(`UPDATE "Deal" SET amount = amount + 1, "updatedAt" = now() WHERE id IN (SELECT id FROM "Deal" WHERE "organizationId" = $1::uuid ORDER BY id LIMIT 5)`, org);
    await t.db.$executeRawUnsafe(
      `UPDATE "Deal" d SET "stageId" = (SELECT s.id FROM "PipelineStage" s WHERE s."organizationId" = d."organizationId" AND s.kind = 'OPEN' AND s.id <> d."stageId" ORDER BY s.position LIMIT 1)
        WHERE d.id IN (SELECT id FROM "Deal" WHERE "organizationId" = $1::uuid AND status = 'OPEN' ORDER BY id LIMIT 3)`,
      org,
    );
    expect((await cached(id)).current.value).toBe(4242);
    // a deal won in the period: recomputed
    expect(await t.db.$executeRawUnsafe(`UPDATE "Deal" SET status = 'WON', "closedAt" = '2026-05-21 09:00' WHERE id = (SELECT id FROM "Deal" WHERE "organizationId" = $1::uuid AND status = 'OPEN' AND "openedAt" < '2026-05-01' ORDER BY id LIMIT 1)`, org)).toBe(1);
    expect(values(await cached(id))).toEqual(values(await uncached(id)));
    expect((await cached(id)).current.value).not.toBe(4242);
  });

  it("the same on the base tables: any write to a table the statement reads makes it recompute", async () => {
    const kpi = KPIS.find((k) => k.id === "tickets_opened_per_day")!;
    const base = () => computeKpi(t.db, org, kpi, period, {}, { cache: true, source: "base" });
    const first = await base();
    const key = kpiStatement(org, kpi, ranges, {}, now, "base");
    expect(sourcesOf(key.sql)).toEqual(["Ticket"]);
    const planted = ranges.map(() => ({ n: 654321, days: 1 }));
    const cacheKey = resultKey(key);
    expect(await t.db.$executeRawUnsafe(`UPDATE "KpiResult" SET components = $2::jsonb WHERE "organizationId" = $1::uuid AND key = $3`, org, JSON.stringify(planted), cacheKey)).toBe(1);
    expect((await base()).current.value).toBe(654321);
    await t.db.$executeRawUnsafe(`UPDATE "Ticket" SET subject = subject || '.' WHERE id = (SELECT id FROM "Ticket" WHERE "organizationId" = $1::uuid LIMIT 1)`, org);
    expect(values(await base())).toEqual(values(first));
  });

  it("equals the uncached engine for every KPI, and again after inserts, updates, soft and hard deletes", async () => {
    await expectAllCurrent("filled");
    const x = (sql: string) => t.db.$executeRawUnsafe(sql, org);
    const some = (table: string, where = "true", n = 10) => `SELECT id FROM "${table}" WHERE "organizationId" = $1::uuid AND ${where} ORDER BY id LIMIT ${n}`;
    await x(`UPDATE "Deal" SET status = 'WON', "closedAt" = '2026-05-20 10:00', amount = amount + 1000 WHERE id IN (${some("Deal", `status = 'OPEN'`, 5)})`);
    await x(`UPDATE "Deal" SET "deletedAt" = now() WHERE id IN (${some("Deal", `status = 'WON'`)})`);
    await x(`UPDATE "Ticket" SET status = 'RESOLVED', "resolvedAt" = '2026-06-10 16:30', "contactCount" = 1 WHERE id IN (${some("Ticket", `"resolvedAt" IS NULL`, 8)})`);
    await x(`UPDATE "Ticket" SET "firstResponseAt" = "openedAt" + interval '7 hours' WHERE id IN (${some("Ticket")})`);
    await x(`UPDATE "Account" SET "churnDate" = '2026-04-03 00:00' WHERE id IN (${some("Account", `"startDate" < '2026-01-01' AND "churnDate" IS NULL`, 4)})`);
    await x(`UPDATE "Purchase" SET amount = amount * 2 WHERE id IN (${some("Purchase")})`);
    await x(`UPDATE "Contact" SET email = (SELECT email FROM "Contact" WHERE "organizationId" = $1::uuid AND email IS NOT NULL ORDER BY id LIMIT 1) WHERE id IN (${some("Contact", "true", 4)})`);
    await x(`UPDATE "SurveyResponse" SET score = 0 WHERE id IN (${some("SurveyResponse", `type = 'NPS'`)})`);
    await x(`DELETE FROM "Cost" WHERE id IN (${some("Cost", "true", 3)})`);
    await x(`DELETE FROM "LoginEvent" WHERE id IN (${some("LoginEvent", "true", 20)})`);
    await x(`DELETE FROM "AuditLog" WHERE id IN (${some("AuditLog", "true", 20)})`);
    await x(`UPDATE "Membership" SET "teamId" = NULL WHERE "userId" = '${rep}' AND "organizationId" = $1::uuid`);
    await t.db.lead.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({ organizationId: org, firstName: "Cache", lastName: `${i}`, source: "web", ownerId: rep, createdAt: new Date(Date.UTC(2026, i % 6, 3)) })),
    });
    await expectAllCurrent("after writes");
  }, 300_000);

  it("a write committed while a result is computed is not hidden: the result stored before it is not reused", async () => {
    const kpi = KPIS.find((k) => k.id === "leads_created")!;
    const statement = kpiStatement(org, kpi, ranges, {}, now);
    const sources = sourcesOf(kpiStatement(org, kpi, ranges, {}, now, "base").sql);
    // the computation reads the data, then a lead is added (committed) before the result is stored
    const stale = await cachedComponents(t.db, org, { ...statement, params: [...statement.params, "race"] }, sources, async () => {
      const before = await queryComponents(t.db, org, kpi, ranges, {}, now);
      await t.db.lead.create({ data: { organizationId: org, firstName: "Race", lastName: "Lead", source: "web", createdAt: new Date("2026-06-01T10:00:00Z") } });
      return before;
    });
    const fresh = await cachedComponents(t.db, org, { ...statement, params: [...statement.params, "race"] }, sources, () => queryComponents(t.db, org, kpi, ranges, {}, now));
    expect(fresh[0]!.n).toBe(stale[0]!.n! + 1);
  });

  it("folding many change rows keeps the stamp: results stay valid and are reused", async () => {
    const count = () => t.db.$queryRawUnsafe<{ rows: bigint; total: bigint }[]>(`SELECT count(*) AS rows, sum(n) AS total FROM "KpiChange" WHERE "organizationId" = $1::uuid AND source = 'Ticket'`, org).then((r) => r[0]!);
    for (let i = 0; i < 70; i++) await t.db.$executeRawUnsafe(`UPDATE "Ticket" SET subject = subject WHERE id = (SELECT id FROM "Ticket" WHERE "organizationId" = $1::uuid ORDER BY id LIMIT 1)`, org);
    const before = await count();
    expect(Number(before.rows)).toBeGreaterThan(64);
    // the base-table statement reads "Ticket" (the rollup one depends on its metrics only)
    const kpi = KPIS.find((k) => k.id === "tickets_closed_per_day")!;
    const base = () => computeKpi(t.db, org, kpi, period, {}, { cache: true, source: "base" });
    await base(); // a miss with many pending rows folds them
    const after = await count();
    expect(Number(after.rows)).toBe(1);
    expect(Number(after.total)).toBe(Number(before.total));
    const stored = await results();
    expect(values(await base())).toEqual(values(await uncached("tickets_closed_per_day")));
    expect(await results()).toBe(stored);
  });

  it("readKpis (the dashboards' procedure) reads through the cache and gives the engine's numbers", async () => {
    const m = await t.db.membership.findFirstOrThrow({ where: { organizationId: org, role: "SUPPORT_MANAGER" } });
    const ids = KPIS.filter((k) => k.family === "support").map((k) => k.id);
    const read = await readKpis({ baseDb: t.db, organizationId: org, role: "SUPPORT_MANAGER", userId: m.userId }, { kpiIds: ids, period: { preset: "last_12_months" }, filters: {}, series: true });
    const p = resolvePeriod({ preset: "last_12_months" });
    for (const k of read.kpis) expect(k.current.value, k.kpiId).toEqual((await computeKpi(t.db, org, KPIS.find((x) => x.id === k.kpiId)!, p, {})).current.value);
    const stored = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "KpiResult" WHERE "organizationId" = $1::uuid`, org);
    expect(Number(stored[0]!.n)).toBeGreaterThanOrEqual(ids.length);
  });

  it("the breakdown reports are cached too, and recomputed after a write", async () => {
    const scope = { baseDb: t.db, organizationId: org };
    const input = { period: { preset: "last_12_months" as const } };
    const first = await getCampaigns(scope, input);
    expect(first.length).toBeGreaterThan(0);
    expect(await getCampaigns(scope, input)).toEqual(first); // bigint and numeric come back as the same values
    // a planted row comes back from the cache, until a campaign is written to
    const planted = JSON.stringify([{ id: first[0]!.campaignId, name: "Planted", channel: "email", leads: 1, converted: 0, cost: 0, won: 0, revenue: 0, new_customers: 0 }]);
    await t.db.$executeRawUnsafe(`UPDATE "KpiResult" SET components = $2::jsonb WHERE "organizationId" = $1::uuid AND components->0 ? 'channel' AND components->0 ? 'new_customers'`, org, planted);
    expect((await getCampaigns(scope, input)).map((c) => c.name)).toEqual(["Planted"]);
    await t.db.$executeRawUnsafe(`UPDATE "Campaign" SET name = name WHERE "organizationId" = $1::uuid AND id = $2::uuid`, org, first[0]!.campaignId);
    expect(await getCampaigns(scope, input)).toEqual(first);
  });

  it("a change to any metric family of the rollup recomputes exactly the KPIs and reports reading it", async () => {
    const families = (await t.db.$queryRawUnsafe<{ f: string }[]>(`SELECT DISTINCT kpi_metric_family(metric) AS f FROM "KpiDaily" WHERE "organizationId" = $1::uuid ORDER BY 1`, org)).map((r) => r.f);
    expect(families.length).toBeGreaterThan(20);
    // every KPI and report read once through the cache, so each family's change below finds stored results
    await expectAllCurrent("before");
    for (const f of families) {
      // every row of the family in the period moves (per-value and histogram rows too): whatever reads it changes
      const bump = (d: number) => t.db.$executeRawUnsafe(`UPDATE "KpiDaily" SET n = n + ${d}, total = total + ${d} WHERE "organizationId" = $1::uuid AND kpi_metric_family(metric) = $2 AND day >= '2025-05-01'`, org, f);
      await bump(1);
      await expectAllCurrent(`after a change to ${f}`);
      const through = cachingDb(t.db, org);
      for (const by of ["source", "campaign"] as const) expect(await leadConversionBy(through, org, period.current, by), `${f}: by ${by}`).toEqual(await leadConversionBy(t.db, org, period.current, by));
      expect(await campaignTable(through, org, period.current), f).toEqual(await campaignTable(t.db, org, period.current));
      await bump(-1);
    }
  }, 600_000);

  it("an organization's change rows and results go with it", async () => {
    await cached("tickets_opened_per_day", {}, other);
    const n = (table: string) => t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}" WHERE "organizationId" = $1::uuid`, other).then((r) => Number(r[0]!.n));
    expect(await n("KpiResult")).toBeGreaterThan(0);
    expect(await n("KpiChange")).toBeGreaterThan(0);
    await t.db.$executeRawUnsafe(`DELETE FROM "DealStageChange" WHERE "organizationId" = $1::uuid`, other);
    await t.db.$executeRawUnsafe(`DELETE FROM "Deal" WHERE "organizationId" = $1::uuid`, other);
    await t.db.$executeRawUnsafe(`DELETE FROM "Organization" WHERE id = $1::uuid`, other);
    expect(await n("KpiResult")).toBe(0);
    expect(await n("KpiChange")).toBe(0);
  }, 120_000);
});
