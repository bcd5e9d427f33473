import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestDb, type TestDb } from "./db";
import { generateDemo } from "@/server/demo/generate";

// The tables rebuilt by triggers per account, deal or email key ("PurchaseDay", "DealRevenue", "ContactDuplicate")
// must stay right when two transactions write the same account, deal or email at once: each rebuild waits for the
// other's (kpi_rebuild_lock). Without the lock the second transaction either fails on a duplicate key or misses the
// first one's rows. PostgreSQL only (PGlite has one connection).
const now = new Date("2026-06-15T00:00:00Z");
let t: TestDb;
let org: string;
let a: pg.Client;
let b: pg.Client;

/** Runs `second` while `first`'s transaction is open, then commits both; `second` must wait for `first`. */
async function overlapping(first: string[], second: string[]) {
  await a.query("BEGIN");
  for (const q of first) await a.query(q, [org]);
  await b.query("BEGIN");
  let secondDone = false;
  const run = (async () => {
    for (const q of second) await b.query(q, [org]);
    secondDone = true;
  })();
  await new Promise((r) => setTimeout(r, 300));
  const waited = !secondDone;
  await a.query("COMMIT");
  await run;
  await b.query("COMMIT");
  return waited;
}
const one = async <T>(sql: string) => (await t.db.$queryRawUnsafe<T[]>(sql, ...(sql.includes("$1") ? [org] : [])))[0]!;

describe.skipIf(!process.env.TEST_DATABASE_URL)("rollups rebuilt per record under concurrent writes", () => {
  beforeAll(async () => {
    t = await createTestDb();
    await generateDemo(t.db, { seed: 3, size: "test", now });
    org = (await t.db.organization.findUniqueOrThrow({ where: { slug: "northwind" } })).id;
    [a, b] = [new pg.Client({ connectionString: t.url }), new pg.Client({ connectionString: t.url })];
    await Promise.all([a.connect(), b.connect()]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([a?.end(), b?.end()]);
    await t?.close();
  });

  it("two transactions adding purchases to one account and one deal both count", async () => {
    const deal = await one<{ id: string; accountId: string; closedAt: Date }>(
      `SELECT d.id, d."accountId", d."closedAt" FROM "Deal" d WHERE d."organizationId" = $1::uuid AND d.status = 'WON' AND d."deletedAt" IS NULL AND d."accountId" IS NOT NULL ORDER BY d.id LIMIT 1`,
    );
    const buy = (amount: number) =>
      `INSERT INTO "Purchase" ("organizationId", "accountId", "dealId", "purchasedAt", amount, cost) VALUES ($1::uuid, '${deal.accountId}', '${deal.id}', '${deal.closedAt.toISOString()}'::timestamp + interval '3 days', ${amount}, 10)`;
    expect(await overlapping([buy(1000)], [buy(2000)])).toBe(true);
    // both purchases are in the account's day and in the deal's revenue, exactly as the purchases say
    const day = await one<{ n: bigint; revenue: string; expected: string }>(
      `SELECT d.n, d.revenue::text, (SELECT sum(p.amount)::text FROM "Purchase" p WHERE p."accountId" = d."accountId" AND date_trunc('day', p."purchasedAt") = d.day AND p."deletedAt" IS NULL) AS expected
         FROM "PurchaseDay" d WHERE d."accountId" = '${deal.accountId}' AND d.day = date_trunc('day', '${deal.closedAt.toISOString()}'::timestamp + interval '3 days')`,
    );
    expect(Number(day.n)).toBeGreaterThanOrEqual(2);
    expect(Number(day.revenue)).toBe(Number(day.expected));
    const rev = await one<{ got: string; expected: string }>(
      `SELECT (SELECT "revenue12m"::text FROM "DealRevenue" WHERE "dealId" = '${deal.id}') AS got,
              (SELECT sum(p.amount)::text FROM "Purchase" p WHERE p."dealId" = '${deal.id}' AND p."deletedAt" IS NULL AND p."purchasedAt" >= '${deal.closedAt.toISOString()}'::timestamp AND p."purchasedAt" < '${deal.closedAt.toISOString()}'::timestamp + interval '12 months') AS expected`,
    );
    expect(Number(rev.got)).toBe(Number(rev.expected));
    expect(Number(rev.got)).toBeGreaterThanOrEqual(3000);
  }, 60_000);

  it("two transactions adding a contact with the same new email make both duplicates, one by one and in bulk", async () => {
    const contact = (email: string, first = "Same") =>
      `INSERT INTO "Contact" ("organizationId", "firstName", "lastName", email, "createdAt") VALUES ($1::uuid, '${first}', 'Person', '${email}', '2026-05-01 10:00')`;
    expect(await overlapping([contact("same.person@concurrent.example")], [contact(" Same.Person@concurrent.example")])).toBe(true);
    const dup = async (like: string) =>
      Number((await one<{ n: bigint }>(`SELECT count(*) AS n FROM "ContactDuplicate" WHERE "organizationId" = $1::uuid AND key LIKE '${like}'`)).n);
    expect(await dup("same.person@concurrent.example")).toBe(2);
    // a bulk write (more than 32 keys: the organization-wide lock) against a single one with one of its emails
    const bulk = `INSERT INTO "Contact" ("organizationId", "firstName", "lastName", email, "createdAt")
      SELECT $1::uuid, 'Bulk', g::text, 'bulk' || g || '@concurrent.example', '2026-05-02 10:00' FROM generate_series(1, 40) g`;
    expect(await overlapping([bulk], [contact("bulk7@concurrent.example", "Single")])).toBe(true);
    expect(await dup("bulk7@concurrent.example")).toBe(2);
    expect(await dup("bulk%@concurrent.example")).toBe(2);
  }, 60_000);
});
