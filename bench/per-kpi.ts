// Times each KPI's statement alone on the bench database (diagnosis: which KPI is slow, and why).
// `npx tsx bench/per-kpi.ts [kpiId ...]` — prints ms per KPI; EXPLAIN=1 prints each plan; REPEAT=n: median of n runs.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { KPIS, getKpi } from "../src/server/kpi/catalog";
import { kpiStatement } from "../src/server/kpi/engine";
import { resolvePeriod } from "../src/server/kpi/period";
import { BENCH_URL } from "./dataset";

const client = new pg.Client({ connectionString: BENCH_URL });
await client.connect();
await client.query("SET statement_timeout = '60s'");
const org = (await client.query(`SELECT id FROM "Organization" WHERE slug = 'northwind'`)).rows[0].id as string;
const period = resolvePeriod({ preset: "last_12_months" });
// REPEAT=n runs each statement n times on the connection and reports the median (the first run pays for
// reading pages into shared buffers)
const REPEAT = Math.max(1, Number(process.env.REPEAT ?? 1));
const ids = process.argv.slice(2).length ? process.argv.slice(2) : KPIS.map((k) => k.id);
const results: [string, number][] = [];
for (const id of ids) {
  const s = kpiStatement(org, getKpi(id)!, [period.current, period.previous, ...period.series], {}, period.now);
  try {
    const times: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const t0 = performance.now();
      await client.query(s.sql, s.params);
      times.push(performance.now() - t0);
    }
    results.push([id, times.sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)]!]);
  } catch (e) {
    results.push([id, -1]);
    console.log(id, (e as Error).message);
  }
  console.log(id.padEnd(32), results.at(-1)![1].toFixed(0), "ms");
  if (process.env.EXPLAIN) console.log((await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params)).rows.map((r) => r["QUERY PLAN"]).join("\n"));
}
await client.end();
if (!process.argv.slice(2).length) {
  const { writeFileSync, mkdirSync } = await import("node:fs");
  mkdirSync("bench/results", { recursive: true });
  const lines = results.map(([id, ms]) => `${id.padEnd(32)} ${ms < 0 ? "failed" : `${ms.toFixed(0)} ms`}`);
  writeFileSync("bench/results/kpi-per-statement.txt", `# one KPI statement (period + previous + 12 monthly buckets), last 12 months, ${new Date().toISOString()}, median of ${REPEAT} run(s) of each statement alone\n${lines.join("\n")}\n`);
}
