// KPI benchmark: each role's full KPI set over the last 12 months with a monthly series, on the bench
// dataset in PostgreSQL. Reports p50/p95 through the server function (readKpis: Prisma + adapter-pg) and
// for the same SQL statements sent directly with `pg` (the floor). The server is timed three ways: with the
// result cache off (every statement runs: the engine's own cost), warm (no write since the last read: every
// result comes from the cache) and after a write (one row of the set's main table is touched before each read,
// so the KPIs reading that table recompute). Writes bench/results/kpi.{json,md}.
import { performance } from "node:perf_hooks";
import { writeFileSync, mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import pg from "pg";
import { createDb } from "../src/server/db/client";
import { readKpis } from "../src/server/kpi/read";
import { roleKpiIds } from "../src/server/kpi/role-sets";
import { getKpi } from "../src/server/kpi/catalog";
import { kpiStatement } from "../src/server/kpi/engine";
import { KPI_CONCURRENCY } from "../src/server/kpi/limit";
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

/** the table most of each role's KPIs read: a write to it is what invalidates the role's cached numbers */
const MAIN_TABLE: Record<Role, string> = { CRM_MANAGER: "Account", SALES_MANAGER: "Deal", SUPPORT_MANAGER: "Ticket", SALES_REP: "Deal", SUPPORT_AGENT: "Ticket" };

async function time(fn: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (before) await before();
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
  type Row = {
    role: Role; kpis: number; serverP50: number; serverP95: number; directP50: number; directP95: number; sequentialP50: number; ratio: number;
    warmP50: number; warmP95: number; afterWriteP50: number; afterWriteP95: number; load: number;
  };
  const rows: Row[] = [];
  for (const role of ROLES) {
    const member = await db.membership.findFirstOrThrow({ where: { organizationId: org.id, role }, select: { userId: true } });
    const reader = { baseDb: db, organizationId: org.id, role, userId: member.userId };
    const kpiIds = roleKpiIds(role);
    const read = () => readKpis(reader, { kpiIds, period: { preset: "last_12_months" }, filters: {}, series: true });
    process.env.KPI_CACHE = "off";
    const server = await time(read);
    process.env.KPI_CACHE = "on";
    const warm = await time(read);
    // a write that changes no number still counts as a change (the trigger cannot know), so the set recomputes
    const touch = () => pool.query(`UPDATE "${MAIN_TABLE[role]}" SET "updatedAt" = "updatedAt" WHERE id = (SELECT id FROM "${MAIN_TABLE[role]}" WHERE "organizationId" = $1 LIMIT 1)`, [org.id]);
    const afterWrite = await time(read, touch);
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
      sequentialP50: pct(sequential, 50), ratio: pct(server, 50) / pct(direct, 50),
      warmP50: pct(warm, 50), warmP95: pct(warm, 95), afterWriteP50: pct(afterWrite, 50), afterWriteP95: pct(afterWrite, 95), load: loadavg()[0]!,
    };
    rows.push(row);
    console.log(`${role.padEnd(16)} ${String(kpiIds.length).padStart(3)} KPIs  server (no cache) p50 ${row.serverP50.toFixed(0)} ms p95 ${row.serverP95.toFixed(0)} ms | warm p50 ${row.warmP50.toFixed(1)} ms p95 ${row.warmP95.toFixed(1)} ms | after a ${MAIN_TABLE[role]} write p50 ${row.afterWriteP50.toFixed(0)} ms p95 ${row.afterWriteP95.toFixed(0)} ms | direct SQL p50 ${row.directP50.toFixed(0)} ms p95 ${row.directP95.toFixed(0)} ms | sequential p50 ${row.sequentialP50.toFixed(0)} ms | load ${row.load.toFixed(1)}`);
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
    `Direct SQL runs the set's statements all at once over a pool of 10 connections; the server functions run at most`,
    `KPI_CONCURRENCY = ${KPI_CONCURRENCY} of them at once (src/server/kpi/limit.ts), the rest queued. "Sequential" sends the`,
    "same statements one after the other on one connection. \"Server, no cache\" runs every statement (KPI_CACHE=off);",
    "\"warm\" reads through the result cache with no write since the last read; \"after a write\" touches one row of the",
    "set's main table before each read (CRM: Account, sales: Deal, support: Ticket), so the KPIs reading it recompute.",
    "Load = the machine's 1-minute load average (2 cores).",
    "",
    "| role | KPIs | server, no cache p50 ms | p95 ms | direct SQL p50 ms | direct SQL p95 ms | no cache / direct (p50) | sequential direct p50 ms | warm p50 ms | warm p95 ms | after a write p50 ms | after a write p95 ms | load |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.role} | ${r.kpis} | ${r.serverP50.toFixed(0)} | ${r.serverP95.toFixed(0)} | ${r.directP50.toFixed(0)} | ${r.directP95.toFixed(0)} | ${r.ratio.toFixed(2)} | ${r.sequentialP50.toFixed(0)} | ${r.warmP50.toFixed(1)} | ${r.warmP95.toFixed(1)} | ${r.afterWriteP50.toFixed(0)} | ${r.afterWriteP95.toFixed(0)} | ${r.load.toFixed(1)} |`),
    "",
  ].join("\n");
  writeFileSync("bench/results/kpi.md", md);
  console.log("\nwrote bench/results/kpi.json and bench/results/kpi.md");
}
