// CSV import benchmark: end-to-end import (streamed parse + validation pass + commit pass through COPY into
// one transaction) of generated deal files of 100,000 and 1,000,000 rows into PostgreSQL. Each size runs in
// a child process, which samples its own resident memory; peak RSS is the kernel's high-water mark (VmHWM).
// Own database: BENCH_IMPORT_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/sasaran_import_bench),
// dropped and created at every run. Writes bench/results/import.{md,json}.
//   npm run bench -- import            both sizes
//   BENCH_IMPORT_SIZES=100000 npm run bench -- import
//   BENCH_IMPORT_REPEAT=3 npm run bench -- import     each size three times (every run is in the table)
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import pg from "pg";

const TARGET_ROWS_PER_S = 20_000;
const TARGET_RSS_MB = 300;
const DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/sasaran_import_bench";
const STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation", "Closed Won", "Closed Lost"];
const ACCOUNTS = 2000;

type Result = {
  rows: number; fileMb: number; validateS: number; commitS: number; totalS: number; rowsPerS: number;
  peakRssMb: number; peakRssValidateMb: number; peakRssCommitMb: number; baselineRssMb: number; peakHeapMb: number; created: number; status: string; message: string | null;
  /** ms per phase (validateLookupsMs, validateRowsMs, commitLookupsMs, commitRowsMs, copyEndMs, finishMs) */
  phases: Record<string, number>;
  /** CPU seconds of the importing process (user + system) */
  cpuS: number;
  /** 1-minute load average at the start and the end of the measurement (2 cores) */
  load: [number, number];
};

/** BENCH_IMPORT_REPEAT: how many times each size is imported (each into a new organization of the same database) */
const REPEAT = Math.max(1, Number(process.env.BENCH_IMPORT_REPEAT ?? 1));

async function checkpoint(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("CHECKPOINT");
  } catch (e) {
    console.warn(`[bench import] CHECKPOINT refused (${(e as Error).message}); measuring without it`);
  } finally {
    await c.end();
  }
}

function dbUrl() {
  return process.env.BENCH_IMPORT_DATABASE_URL ?? DEFAULT_URL;
}

export async function recreateDatabase(url: string) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name) || name === "sasaran_bench") throw new Error(`refusing to recreate database "${name}"`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const dir = path.join(process.cwd(), "prisma/migrations");
  for (const m of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    await db.query(readFileSync(path.join(dir, m, "migration.sql"), "utf8"));
  }
  await db.end();
}

/** An organization with a manager, a rep, the default stages and some accounts; one per measured size. */
export async function createOrganization(url: string, slug: string): Promise<{ organizationId: string; userId: string; repEmail: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const org = (await c.query(`INSERT INTO "Organization" (name, slug) VALUES ($1, $1) RETURNING id`, [slug])).rows[0].id as string;
  const user = (await c.query(`INSERT INTO "User" (email, name, "passwordHash") VALUES ($1, 'Bench manager', 'x') RETURNING id`, [`crm@${slug}.test`])).rows[0].id as string;
  const rep = (await c.query(`INSERT INTO "User" (email, name, "passwordHash") VALUES ($1, 'Bench rep', 'x') RETURNING id`, [`rep@${slug}.test`])).rows[0].id as string;
  await c.query(`INSERT INTO "Membership" ("organizationId", "userId", role) VALUES ($1, $2, 'CRM_MANAGER'), ($1, $3, 'SALES_REP')`, [org, user, rep]);
  for (const [i, s] of STAGES.entries()) {
    await c.query(`INSERT INTO "PipelineStage" ("organizationId", name, position, kind) VALUES ($1, $2, $3, $4)`, [org, s, i + 1, s === "Closed Won" ? "WON" : s === "Closed Lost" ? "LOST" : "OPEN"]);
  }
  await c.query(`INSERT INTO "Account" ("organizationId", name, "externalId") SELECT $1, 'Account ' || g, 'acc-' || g FROM generate_series(1, ${ACCOUNTS}) g`, [org]);
  await c.end();
  return { organizationId: org, userId: user, repEmail: `rep@${slug}.test` };
}

/** A deal export of `rows` rows (HubSpot-style headers), written as a stream. */
export async function generateFile(file: string, rows: number, repEmail: string) {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await write("Deal Name,Amount,Deal Stage,Associated Company,Deal owner,Create Date,Close Date,Deal Type,Product,Record ID\n");
  let chunk = "";
  for (let i = 1; i <= rows; i++) {
    const stage = STAGES[i % STAGES.length]!;
    const closed = stage.startsWith("Closed");
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    const opened = `2025-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    chunk += `Deal ${i},${(1000 + (i % 50_000)).toFixed(2)},${stage},Account ${1 + (i % ACCOUNTS)},${i % 3 === 0 ? repEmail : ""},${opened},${closed ? `2026-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` : ""},${i % 5 === 0 ? "Renewal" : "New Business"},Product ${i % 20},deal-${i}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  out.end();
  await once(out, "finish");
}

/**
 * The measured child runs compiled JavaScript, as the app does under `next start`: this file and the app code it
 * imports bundled by esbuild (node_modules stay external). Running it through tsx's on-the-fly TypeScript loader
 * instead (BENCH_IMPORT_TSX=1) weighs ~40 MB more before the import starts.
 */
async function childCommand(): Promise<string[]> {
  const self = fileURLToPath(import.meta.url);
  if (process.env.BENCH_IMPORT_TSX === "1") return ["--import", "tsx", self];
  const { build } = await import("esbuild");
  // inside the project, so the bundle resolves node_modules like the app (gitignored)
  const out = path.join(process.cwd(), "bench/.build/import-child.mjs");
  await build({ entryPoints: [self], bundle: true, platform: "node", format: "esm", packages: "external", outfile: out, logLevel: "warning" });
  return [out];
}

async function runChild(file: string, url: string, org: { organizationId: string; userId: string }): Promise<Result> {
  const command = await childCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, "--child", file, org.organizationId, org.userId], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, DATABASE_URL: url, IMPORT_DIR: path.dirname(file) },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) return reject(new Error(`child exited ${code}: ${out}`));
      resolve(JSON.parse(line) as Result);
    });
  });
}

/** The measured process: the same functions the app runs for an upload, validate and commit. */
async function child(file: string, organizationId: string, userId: string) {
  const { createDb } = await import("../src/server/db/client");
  const { tenantDb } = await import("../src/server/db/tenant");
  const { createJob, getJob, startCommit, startValidation, waitForJob } = await import("../src/server/import/jobs");
  const { importEnvFor } = await import("../src/server/import/commit");
  const rowsInFile = Number(process.argv[6] ?? 0);
  let peak = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapTotal);
  };
  const timer = setInterval(sample, 50);
  const db = await createDb(process.env.DATABASE_URL!);
  const actor = { db: tenantDb(db, organizationId), baseDb: db, organizationId, userId, role: "CRM_MANAGER" as const };
  const env = { ...importEnvFor(db), timings: {} as Record<string, number> };
  await db.organization.findFirst({ select: { id: true } }); // the client is loaded: what the process weighs before the import
  const baseline = process.memoryUsage().rss;
  const load0 = loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { id } = await createJob(actor, { type: "deal", fileName: path.basename(file), filePath: file, fileSize: statSync(file).size });
  await startValidation(env, actor, id);
  await waitForJob(id);
  const t1 = performance.now();
  sample();
  const peakValidate = peak;
  peak = 0;
  const validated = await getJob(actor, id);
  if (validated.status !== "VALIDATED" || validated.errorCount) throw new Error(`validation: ${validated.status} ${validated.message} ${JSON.stringify(validated.errorSample.slice(0, 3))}`);
  await startCommit(env, actor, id);
  await waitForJob(id);
  const t2 = performance.now();
  const done = await getJob(actor, id);
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  sample();
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  const peakBytes = Math.max(peak, hwm ? Number(hwm[1]) * 1024 : 0);
  const rows = done.totalRows ?? rowsInFile;
  const res: Result = {
    rows, fileMb: +(statSync(file).size / 1048576).toFixed(1),
    validateS: +((t1 - t0) / 1000).toFixed(1), commitS: +((t2 - t1) / 1000).toFixed(1), totalS: +((t2 - t0) / 1000).toFixed(1),
    rowsPerS: Math.round(rows / ((t2 - t0) / 1000)), peakRssMb: Math.round(peakBytes / 1048576),
    peakRssValidateMb: Math.round(peakValidate / 1048576), peakRssCommitMb: Math.round(peak / 1048576),
    baselineRssMb: Math.round(baseline / 1048576), peakHeapMb: Math.round(peakHeap / 1048576),
    created: done.stats.created ?? 0, status: done.status, message: done.message,
    phases: env.timings, cpuS: +((cpu.user + cpu.system) / 1e6).toFixed(1), load: [+load0.toFixed(1), +loadavg()[0]!.toFixed(1)],
  };
  await db.$disconnect();
  console.log(JSON.stringify(res));
  process.exit(0);
}

export async function benchImport() {
  const url = dbUrl();
  const sizes = (process.env.BENCH_IMPORT_SIZES ?? "100000,1000000").split(",").map(Number);
  const dir = path.join(tmpdir(), `sasaran-import-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const results: (Result & { at: string })[] = [];
  try {
    console.log(`[bench import] recreating ${url.replace(/:[^:@/]+@/, ":***@")}`);
    await recreateDatabase(url);
    for (const [rows, run] of sizes.flatMap((n) => Array.from({ length: REPEAT }, (_, i) => [n, i + 1] as const))) {
      const org = await createOrganization(url, `bench-${rows}-${run}`);
      const file = path.join(dir, `deals-${rows}.csv`);
      const g0 = performance.now();
      await generateFile(file, rows, org.repEmail);
      console.log(`[bench import] generated ${rows.toLocaleString("en-US")} rows (${(statSync(file).size / 1048576).toFixed(0)} MB) in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
      // each run starts with no dirty pages left by the setup or the run before (their writes are not its own)
      await checkpoint(url);
      const at = new Date().toISOString().slice(11, 16);
      const r = { ...(await runChild(file, url, org)), at };
      if (r.status !== "DONE" || r.created !== rows) throw new Error(`import of ${rows} rows ended ${r.status}: ${r.message}`);
      console.log(`[bench import] ${rows.toLocaleString("en-US")} rows: ${r.totalS} s (validate ${r.validateS} s + commit ${r.commitS} s) = ${r.rowsPerS.toLocaleString("en-US")} rows/s, peak RSS ${r.peakRssMb} MB (validate ${r.peakRssValidateMb} MB, commit ${r.peakRssCommitMb} MB sampled every 50 ms; ${r.baselineRssMb} MB before the import, JS heap peak ${r.peakHeapMb} MB); phases ${JSON.stringify(r.phases)}; CPU ${r.cpuS} s; load ${r.load.join(" -> ")}`);
      results.push(r);
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeResults(results);
}

function writeResults(results: (Result & { at: string })[]) {
  const dir = path.join(process.cwd(), "bench/results");
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(path.join(dir, "import.json"), JSON.stringify({ date, targets: { rowsPerS: TARGET_ROWS_PER_S, peakRssMb: TARGET_RSS_MB }, results }, null, 2) + "\n");
  const met = (r: Result) => r.rowsPerS >= TARGET_ROWS_PER_S && r.peakRssMb < TARGET_RSS_MB;
  const sec = (ms: number | undefined) => (ms === undefined ? "-" : `${(ms / 1000).toFixed(1)} s`);
  const lines = [
    `# CSV import benchmark (${date}, PostgreSQL, deal rows)`,
    "",
    `End to end in a child process: validation (a streamed pass: parse, read every cell, duplicate check, report) + commit (a second streamed pass; with nothing to update, COPY straight into the table while the file is read, then the foreign-key checks and the KpiDaily statement trigger, the audit row and the job's state, all in one transaction). Targets: at least ${TARGET_ROWS_PER_S.toLocaleString("en-US")} rows/s, peak RSS under ${TARGET_RSS_MB} MB. The machine has 2 cores shared with other work: the load average (1 min) at the start and end of each size is given; the numbers move with it.`,
    "",
    "| rows | started (UTC) | file | validate | commit | total | rows/s | peak RSS | peak RSS validate / commit (sampled) | RSS before import | peak JS heap | CPU of the process | load | targets |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...results.map((r) => `| ${r.rows.toLocaleString("en-US")} | ${r.at} | ${r.fileMb} MB | ${r.validateS} s | ${r.commitS} s | ${r.totalS} s | ${r.rowsPerS.toLocaleString("en-US")} | ${r.peakRssMb} MB | ${r.peakRssValidateMb} / ${r.peakRssCommitMb} MB | ${r.baselineRssMb} MB | ${r.peakHeapMb} MB | ${r.cpuS} s | ${r.load.join(" → ")} | ${met(r) ? "met" : "NOT met"} |`),
    "",
    ...[...new Set(results.map((r) => r.rows))].map((n) => {
      const runs = results.filter((r) => r.rows === n);
      const rates = runs.map((r) => r.rowsPerS).sort((a, b) => a - b);
      return `- ${n.toLocaleString("en-US")} rows: targets met in ${runs.filter(met).length} of ${runs.length} run(s); rows/s ${rates[0]!.toLocaleString("en-US")}-${rates.at(-1)!.toLocaleString("en-US")} (median ${rates[Math.floor((rates.length - 1) / 2)]!.toLocaleString("en-US")}); peak RSS ${Math.min(...runs.map((r) => r.peakRssMb))}-${Math.max(...runs.map((r) => r.peakRssMb))} MB.`;
    }),
    "",
    "Phases (wall time):",
    "",
    "| rows | started (UTC) | validate: lookups | validate: rows | commit: lookups | commit: rows streamed into COPY | end of COPY (FK checks, KpiDaily trigger) | audit, job, COMMIT | CPU of the database backend (commit) |",
    "|---|---|---|---|---|---|---|---|---|",
    ...results.map((r) => `| ${r.rows.toLocaleString("en-US")} | ${r.at} | ${sec(r.phases.validateLookupsMs)} | ${sec(r.phases.validateRowsMs)} | ${sec(r.phases.commitLookupsMs)} | ${sec(r.phases.commitRowsMs)} | ${sec(r.phases.copyEndMs)} | ${sec(r.phases.finishMs)} | ${sec(r.phases.commitDbCpuMs)} |`),
    "",
  ];
  writeFileSync(path.join(dir, "import.md"), lines.join("\n"));
  console.log(lines.join("\n"));
}

if (process.argv[2] === "--child") {
  child(process.argv[3]!, process.argv[4]!, process.argv[5]!).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
