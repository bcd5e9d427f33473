import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteDb, createPostgresDb, type TestDb } from "./db";
import { generateDemo } from "@/server/demo/generate";
import { KPIS } from "@/server/kpi/catalog";
import { computeKpi } from "@/server/kpi/engine";
import { resolvePeriod } from "@/server/kpi/period";

// Every KPI on PostgreSQL and on PGlite, over the same generated company, must give identical results.
// Runs when a PostgreSQL server is given (TEST_DATABASE_URL), i.e. in the PostgreSQL half of CI.
const server = process.env.TEST_DATABASE_URL;
const now = new Date("2026-06-15T00:00:00Z");
let pglite: TestDb;
let postgres: TestDb;

describe.skipIf(!server)("KPI parity: PostgreSQL vs PGlite", () => {
  beforeAll(async () => {
    [pglite, postgres] = await Promise.all([createPgliteDb(), createPostgresDb(server!)]);
    await generateDemo(pglite.db, { seed: 11, size: "test", now });
    await generateDemo(postgres.db, { seed: 11, size: "test", now });
  }, 300_000);
  afterAll(async () => {
    await pglite?.close();
    await postgres?.close();
  });

  it("computes all KPIs identically for the last 12 months with monthly series", async () => {
    const org = async (t: TestDb) => (await t.db.organization.findUniqueOrThrow({ where: { slug: "northwind" } })).id;
    const [a, b] = [await org(pglite), await org(postgres)];
    expect(a).toBe(b); // the generator's ids are deterministic too
    const period = resolvePeriod({ preset: "last_12_months" }, { now, grain: "month" });
    let nonNull = 0;
    for (const kpi of KPIS) {
      const [x, y] = [await computeKpi(pglite.db, a, kpi, period), await computeKpi(postgres.db, b, kpi, period)];
      const round = (r: typeof x) => JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === "number" ? Number(v.toPrecision(12)) : v)));
      expect(round(x), kpi.id).toEqual(round(y));
      if (x.current.value !== null) nonNull++;
    }
    // the comparison means something only if the data gives most KPIs a value
    expect(nonNull).toBeGreaterThan(KPIS.length * 0.8);
  });
});
