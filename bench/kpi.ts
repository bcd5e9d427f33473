// KPI benchmark: each role's full KPI set over the last 12 months with a monthly series, on the bench
// dataset in PostgreSQL. Reports p50/p95 through the server function (readKpis: Prisma + adapter-pg) and
// for the same SQL statements sent directly with `pg` (the floor). Writes bench/results/kpi.{json,md}.
import { performance } from "node:perf_hooks";
import { writeFileSync, mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import pg from "pg";
import { createDb } from "../src/server/db/client";
import { readKpis } from "../src/server/kpi/read";
import { roleKpiIds } from "../src/server/kpi/role-sets";
import { getKpi } from "../src/server/kpi/catalog";
import { kpiStatement } from "../src/server/kpi/engine";
import { resolvePeriod } from "../src/server/kpi/period";
import { kpiAccess } from "../src/server/kpi/access";
import type { Role } from "../src/server/auth/permissions";
import { ensureBenchDatabase } from "./dataset";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;
const ROLES: Role[] = ["CRM_MANAGER", "SALES_MANAGER", "SUPPORT_MANAGER", "SALES_REP", "SUPPORT_AGENT"];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function benchKpis() {
  const { url, counts } = await ensureBenchDatabase();
  const db = await createDb(url);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const org = await db.organization.findUniqueOrThrow({ where: { slug: "northwind" }, select: { id: true } });
  const period = resolvePeriod({ preset: "last_12_months" });
  type Row = { role: Role; kpis: number; serverP50: number; serverP95: number; directP50: number; directP95: number; sequentialP50: number; ratio: number; load: number };
  const rows: Row[] = [];
  for (const role of ROLES) {
    const member = await db.membership.findFirstOrThrow({ where: { organizationId: org.id, role }, select: { userId: true } });
    const reader = { baseDb: db, organizationId: org.id, role, userId: member.userId };
    const kpiIds = roleKpiIds(role);
    const server = await time(() => readKpis(reader, { kpiIds, period: { preset: "last_12_months" }, filters: {}, series: true }));
    // the same statements, straight through pg (no Prisma, no JS combination): the floor
    const statements = kpiIds.map((id) => {
      const kpi = getKpi(id)!;
      const a = kpiAccess(role, member.userId, kpi, {});
      if (!a.ok) throw new Error(a.message);
      return kpiStatement(org.id, kpi, [period.current, period.previous, ...period.series], a.filters, period.now);
    });
    const direct = await time(() => Promise.all(statements.map((s) => pool.query(s.sql, s.params))));
    // the same statements one after the other on one connection (what concurrency over the pool saves)
    const sequential = await time(async () => {
      const c = await pool.connect();
      try {
        for (const s of statements) await c.query(s.sql, s.params);
      } finally {
        c.release();
      }
    });
    const row: Row = {
      role, kpis: kpiIds.length,
      serverP50: pct(server, 50), serverP95: pct(server, 95), directP50: pct(direct, 50), directP95: pct(direct, 95),
      sequentialP50: pct(sequential, 50), ratio: pct(server, 50) / pct(direct, 50), load: loadavg()[0]!,
    };
    rows.push(row);
    console.log(`${role.padEnd(16)} ${String(kpiIds.length).padStart(3)} KPIs  server p50 ${row.serverP50.toFixed(0)} ms p95 ${row.serverP95.toFixed(0)} ms  | direct SQL p50 ${row.directP50.toFixed(0)} ms p95 ${row.directP95.toFixed(0)} ms | sequential p50 ${row.sequentialP50.toFixed(0)} ms | load ${row.load.toFixed(1)}`);
  }
  await pool.end();
  await db.$disconnect();
  const result = { when: new Date().toISOString(), runs: RUNS, period: "last_12_months, monthly series (14 buckets per KPI: period, previous, 12 months)", dataset: counts, rows };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/kpi.json", JSON.stringify(result, null, 2) + "\n");
  const md = [
    `# KPI benchmark (${result.when.slice(0, 10)}, ${RUNS} runs after ${WARMUP} warm-up, PostgreSQL)`,
    "",
    `Dataset (organization "northwind"): ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`).join(", ")}`,
    "",
    "Server and direct SQL run the set's statements concurrently over a pool of 10 connections; \"sequential\" sends the",
    "same statements one after the other on one connection. Load = the machine's 1-minute load average (2 cores, shared).",
    "",
    "| role | KPIs | server p50 ms | server p95 ms | direct SQL p50 ms | direct SQL p95 ms | server / direct (p50) | sequential direct p50 ms | load |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.role} | ${r.kpis} | ${r.serverP50.toFixed(0)} | ${r.serverP95.toFixed(0)} | ${r.directP50.toFixed(0)} | ${r.directP95.toFixed(0)} | ${r.ratio.toFixed(2)} | ${r.sequentialP50.toFixed(0)} | ${r.load.toFixed(1)} |`),
    "",
  ].join("\n");
  writeFileSync("bench/results/kpi.md", md);
  console.log("\nwrote bench/results/kpi.json and bench/results/kpi.md");
}
