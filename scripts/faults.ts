// `npm run test:faults` (issue 8): the app under faults, against a production build served by `next start`.
// Not part of `npm test` (it restarts the machine's PostgreSQL and takes a few minutes).
//
//   pg      PostgreSQL is stopped for ~3 s in the middle of a write/read load, then started again
//           (pg_ctlcluster; needs root or the postgres user). While it is down the app must answer plain 503s
//           (no 500, no stack trace); afterwards it must recover by itself; every activity created with a 2xx
//           answer must be in the database.
//   import  the server is killed (SIGKILL) in the middle of a large CSV import's commit: no row of the file may
//           be in the table; after a restart the job reads as failed ("interrupted"), and importing the same
//           file again works.
//   pglite  the app on an embedded PGlite directory is killed (SIGKILL) during writes, twice: the directory
//           must reopen and every acknowledged write must be there.
//
//   npm run test:faults                 all three        npm run test:faults -- pglite import   some
// Env: FAULTS_PORT (default E2E_PORT or 3305), FAULTS_DIST (build dir, default .next-load), FAULTS_SKIP_BUILD=1,
//      TEST_DATABASE_URL (the PostgreSQL server, default postgresql://postgres@127.0.0.1:5432/postgres),
//      FAULTS_PG_CLUSTER ("15/main"; default: the first of pg_lsclusters), FAULTS_IMPORT_ROWS (200000).
// Writes bench/results/faults.{json,md}; exits 1 if a check failed.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { buildApp, signIn, startApp, trpc, type App, type AppOptions } from "../bench/server";
import { createDb } from "../src/server/db/client";
import { DEMO_PASSWORD } from "../src/server/demo/users";
import { DATABASE_DOWN_DIGEST } from "../src/components/errors";
import { STALE_MS } from "../src/server/import/jobs";

const PORT = Number(process.env.FAULTS_PORT ?? process.env.E2E_PORT ?? 3305);
const DIST = process.env.FAULTS_DIST ?? ".next-load";
const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const IMPORT_ROWS = Number(process.env.FAULTS_IMPORT_ROWS ?? 200_000);
const RUN = Date.now().toString(36);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => console.log(`[faults ${new Date().toISOString().slice(11, 19)}] ${msg}`);

type Check = { scenario: string; name: string; ok: boolean; detail: string };
const checks: Check[] = [];
const figures: Record<string, Record<string, unknown>> = {};
function check(scenario: string, name: string, ok: boolean, detail: string) {
  checks.push({ scenario, name, ok, detail });
  log(`${ok ? "PASS" : "FAIL"} ${scenario}: ${name} — ${detail}`);
}

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

/** A fresh database: migrated, with the small "test" demo company (its fixed logins). */
async function freshDatabase(kind: "pg" | "pglite", name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  let url: string;
  let drop: () => Promise<void>;
  if (kind === "pg") {
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(SERVER_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await c.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "sasaran-faults-"));
    url = `pglite:${dir}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  run("node", ["scripts/migrate.mjs", "deploy"], { DATABASE_URL: url });
  run("npx", ["tsx", "scripts/seed.ts", "--size", "test"], { DATABASE_URL: url });
  return { url, drop };
}

async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** A stack trace or an internal error name in a body shown to users. */
const LEAK = /\n\s+at |node_modules|DriverAdapterError|PrismaClient|ECONNREFUSED|\.ts:\d+/;

type Load = {
  stop: () => Promise<void>;
  acked: Set<string>; // subjects created with a 2xx answer
  sent: number;
  events: { t: number; kind: "write" | "read" | "page"; status: number; leak: boolean; plain: boolean }[];
  samples: string[];
};

/**
 * Writers create activities (subject `<prefix> <worker>-<n>`) and readers list them and open a page, as fast
 * as answers come. A network failure (server down) counts as status 0.
 */
function startLoad(base: string, cookie: string, ownerId: string, prefix: string, writers: number, readers: number): Load {
  const t0 = Date.now();
  const load: Load = { stop: async () => {}, acked: new Set(), sent: 0, events: [], samples: [] };
  let stopping = false;
  const note = (kind: "write" | "read" | "page", status: number, body: string) => {
    // a page cannot set its HTTP status from a server component: 500, but the error page must say "database unavailable"
    const plain = status === 503 || (kind === "page" && status === 500 && body.includes(DATABASE_DOWN_DIGEST));
    const leak = (status >= 500 && !plain) || (status !== 200 && LEAK.test(body));
    load.events.push({ t: Date.now() - t0, kind, status, leak, plain });
    if ((status !== 200 && status !== 201) && load.samples.length < 12 && !load.samples.some((s) => s.startsWith(`${kind} ${status}`))) load.samples.push(`${kind} ${status}: ${body.replace(/\s+/g, " ").slice(0, 240)}`);
  };
  const writer = async (w: number) => {
    for (let i = 0; !stopping; i++) {
      const subject = `${prefix} ${w}-${i}`;
      load.sent++;
      try {
        const r = await trpc(base, cookie, "mutation", "records.create", { type: "activities", data: { subject, type: "CALL", ownerId } });
        if (r.status === 200) load.acked.add(subject);
        note("write", r.status, r.error ? JSON.stringify(r.error) : "");
      } catch (e) {
        note("write", 0, `network error: ${String((e as Error).cause ?? e)}`);
        await sleep(100);
      }
    }
  };
  const reader = async (k: number) => {
    for (let i = 0; !stopping; i++) {
      try {
        if ((i + k) % 3 === 2) {
          const r = await fetch(`${base}/records/activities`, { headers: { cookie } });
          note("page", r.status, await r.text());
        } else {
          const r = await trpc(base, cookie, "query", "records.list", { type: "activities", q: prefix, page: 1, pageSize: 25 });
          note("read", r.status, r.error ? JSON.stringify(r.error) : "");
        }
      } catch (e) {
        note("read", 0, `network error: ${String((e as Error).cause ?? e)}`);
        await sleep(100);
      }
    }
  };
  const all = [...Array.from({ length: writers }, (_, w) => writer(w)), ...Array.from({ length: readers }, (_, k) => reader(k))];
  load.stop = async () => {
    stopping = true;
    await Promise.all(all);
  };
  return load;
}

function statusCounts(events: Load["events"], from = 0, to = Infinity) {
  const out: Record<string, number> = {};
  for (const e of events) if (e.t >= from && e.t <= to) out[`${e.kind} ${e.status}`] = (out[`${e.kind} ${e.status}`] ?? 0) + 1;
  return out;
}

async function countSubjects(url: string, prefix: string, acked: Set<string>) {
  let subjects: string[];
  if (url.startsWith("pglite:")) {
    const db = await createDb(url);
    subjects = (await db.activity.findMany({ where: { subject: { startsWith: `${prefix} ` } }, select: { subject: true } })).map((r) => r.subject);
    await db.$disconnect();
  } else subjects = (await sql<{ subject: string }>(url, `SELECT subject FROM "Activity" WHERE subject LIKE $1`, [`${prefix} %`])).map((r) => r.subject);
  const there = new Set(subjects);
  const missing = [...acked].filter((s) => !there.has(s));
  return { inDb: there.size, missing, extra: there.size - (acked.size - missing.length) };
}

async function users(app: App, url: string) {
  const read = async (email: string) => {
    if (url.startsWith("pglite:")) return null;
    return (await sql<{ id: string }>(url, `SELECT id FROM "User" WHERE email = $1`, [email]))[0]!.id;
  };
  const cookie = await signIn(app.base, "rep@northwind.test", DEMO_PASSWORD);
  const me = await trpc<{ id: string }>(app.base, cookie, "query", "me.get", undefined);
  return { cookie, userId: me.data?.id ?? (await read("rep@northwind.test"))! };
}

// ------------------------------------------------------------------------------------------------
// (a) PostgreSQL restarted under load

function pgCluster(): [string, string] | null {
  if (process.env.FAULTS_PG_CLUSTER) return process.env.FAULTS_PG_CLUSTER.split("/") as [string, string];
  const r = spawnSync("pg_lsclusters", ["-h"], { encoding: "utf8" });
  const line = r.status === 0 ? r.stdout.trim().split("\n")[0] : undefined;
  return line ? (line.split(/\s+/).slice(0, 2) as [string, string]) : null;
}

async function scenarioPg(build: AppOptions) {
  const S = "pg restart";
  const cluster = pgCluster();
  if (!cluster || process.getuid?.() !== 0) {
    check(S, "can restart PostgreSQL", false, "needs pg_ctlcluster and root (or set FAULTS_PG_CLUSTER and run as root)");
    return;
  }
  const db = await freshDatabase("pg", `sasaran_faults_${process.pid}`);
  const app = await startApp({ ...build, databaseUrl: db.url });
  try {
    const { cookie, userId } = await users(app, db.url);
    const prefix = `fault-pg ${RUN}`;
    const load = startLoad(app.base, cookie, userId, prefix, 6, 4);
    const t0 = Date.now();
    await sleep(5000);
    log(`WARNING: stopping the shared PostgreSQL cluster ${cluster.join("/")} for ~3 s (other tests on this machine see it go away)`);
    const down0 = Date.now() - t0;
    run("pg_ctlcluster", [cluster[0], cluster[1], "stop", "-m", "fast"]);
    const stopped = Date.now() - t0;
    await sleep(3000);
    run("pg_ctlcluster", [cluster[0], cluster[1], "start"]);
    const up = Date.now() - t0;
    log(`PostgreSQL ${cluster.join("/")} is running again (stopped ${((up - down0) / 1000).toFixed(1)} s)`);
    // recovered: the first write answered 2xx after the restart
    let recovered: number | null = null;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && recovered === null) {
      const first = load.events.find((e) => e.t > up && e.kind === "write" && e.status === 200);
      if (first) recovered = first.t;
      else await sleep(100);
    }
    await sleep(4000);
    await load.stop();
    const during = statusCounts(load.events, stopped, up);
    const after = statusCounts(load.events, (recovered ?? up) + 1000);
    const leaks = load.events.filter((e) => e.leak);
    const down = load.events.filter((e) => e.t >= down0 && e.t <= (recovered ?? Infinity) && e.status !== 200);
    const failedAfter = load.events.filter((e) => recovered !== null && e.t > recovered + 1000 && e.status !== 200);
    const count = await countSubjects(db.url, prefix, load.acked);
    figures.pg = {
      requests: load.events.length, writesSent: load.sent, writesAcked: load.acked.size, inDb: count.inDb, missing: count.missing.length, unacknowledgedButStored: count.extra,
      stoppedForS: +((up - down0) / 1000).toFixed(1), recoveredAfterStartS: recovered === null ? null : +((recovered - up) / 1000).toFixed(1),
      duringOutage: during, nonOkUntilRecovery: down.length, statusesAfterRecovery: after, samples: load.samples, load1: loadavg()[0],
    };
    check(S, "plain errors while down", leaks.length === 0 && down.every((e) => e.plain || e.status === 0),
      `${down.length} non-2xx answers until recovery: ${JSON.stringify(statusCounts(down))} (tRPC 503 "${"The database is unavailable right now"}…"; pages 500 with the database-unavailable error page); ${leaks.length} other 5xx or with a stack trace`);
    check(S, "recovers by itself", recovered !== null && failedAfter.length === 0, recovered === null ? "no successful write within 60 s of the restart" : `first 2xx write ${((recovered - up) / 1000).toFixed(1)} s after PostgreSQL started; ${failedAfter.length} failures after that`);
    check(S, "no lost acknowledged writes", count.missing.length === 0, `${load.acked.size} writes answered 2xx, ${count.inDb} rows in the database, ${count.missing.length} missing (${count.extra} stored without a 2xx answer)`);
  } finally {
    await app.stop();
    await db.drop();
  }
}

// ------------------------------------------------------------------------------------------------
// (b) server killed during an import's commit

async function scenarioImport(build: AppOptions) {
  const S = "import killed";
  const db = await freshDatabase("pg", `sasaran_faults_import_${process.pid}`);
  const file = path.join(tmpdir(), `sasaran-faults-${RUN}.csv`);
  let app = await startApp({ ...build, databaseUrl: db.url });
  try {
    let cookie = await signIn(app.base, "crm@northwind.test", DEMO_PASSWORD);
    const lines = ["Account Name,Industry,Account ID"];
    for (let i = 1; i <= IMPORT_ROWS; i++) lines.push(`fault-import ${RUN} ${i},Software,fi-${RUN}-${i}`);
    writeFileSync(file, lines.join("\n") + "\n");
    const body = Buffer.from(lines.join("\n") + "\n");
    const up = await fetch(`${app.base}/api/import/upload?type=account&name=faults.csv`, { method: "POST", headers: { cookie, "content-type": "text/csv" }, body });
    const { jobId } = (await up.json()) as { jobId: string };
    if (!jobId) throw new Error(`upload failed: HTTP ${up.status}`);
    type Job = { status: string; processedRows: number; totalRows: number | null; errorCount: number; message: string | null };
    const job = async () => (await trpc<Job>(app.base, cookie, "query", "import.getJob", { jobId })).data!;
    const waitFor = async (pred: (j: Job) => boolean, ms: number) => {
      const end = Date.now() + ms;
      for (;;) {
        const j = await job();
        if (pred(j) || Date.now() > end) return j;
        await sleep(200);
      }
    };
    await trpc(app.base, cookie, "mutation", "import.validate", { jobId });
    const v = await waitFor((j) => j.status !== "VALIDATING", 300_000);
    if (v.status !== "VALIDATED" || v.errorCount) throw new Error(`validation ended ${v.status}: ${v.message}`);
    const count = async () => Number((await sql<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM "Account"`))[0]!.n);
    const before = await count();
    await trpc(app.base, cookie, "mutation", "import.commit", { jobId });
    const mid = await waitFor((j) => j.processedRows >= IMPORT_ROWS * 0.4 || j.status !== "COMMITTING", 300_000);
    log(`killing the server (SIGKILL) at ${mid.processedRows.toLocaleString("en-US")} of ${IMPORT_ROWS.toLocaleString("en-US")} rows (job ${mid.status})`);
    await app.stop("SIGKILL");
    const atKill = await count();
    await sleep(3000); // PostgreSQL notices the dead client and rolls its transaction back
    const after = await count();
    const stuck = await sql(db.url, `SELECT pid, state, left(query, 60) AS query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    const raw = (await sql<{ status: string }>(db.url, `SELECT status FROM "ImportJob" WHERE id = $1`, [jobId]))[0]!.status;
    check(S, "no partial data", mid.status === "COMMITTING" && atKill === before && after === before,
      `accounts before ${before}, right after the kill ${atKill}, 3 s later ${after} (killed at ${mid.processedRows} of ${IMPORT_ROWS} rows); ${stuck.length} connections left on the database`);
    app = await startApp({ ...build, databaseUrl: db.url });
    cookie = await signIn(app.base, "crm@northwind.test", DEMO_PASSWORD);
    // the job's heartbeat stops with the killed server; until it is STALE_MS old the job may still be running on
    // another instance, so it reads as COMMITTING; after that, as interrupted (FAILED) everywhere
    const t0 = Date.now();
    const restarted = await waitFor((j) => j.status !== "COMMITTING", STALE_MS + 20_000);
    log(`the job read as ${restarted.status} ${((Date.now() - t0) / 1000).toFixed(0)} s after the restart (heartbeat stale after ${STALE_MS / 1000} s)`);
    const listed = (await trpc<{ id: string; status: string }[]>(app.base, cookie, "query", "import.listJobs", undefined)).data!.find((j) => j.id === jobId);
    check(S, "job reads as interrupted after a restart", restarted.status === "FAILED" && /interrupted/i.test(restarted.message ?? "") && listed?.status === "FAILED",
      `row in the database: ${raw}; import.getJob: ${restarted.status} "${restarted.message}"; import.listJobs: ${listed?.status}`);
    await trpc(app.base, cookie, "mutation", "import.validate", { jobId });
    const v2 = await waitFor((j) => j.status !== "VALIDATING", 300_000);
    const t = Date.now();
    await trpc(app.base, cookie, "mutation", "import.commit", { jobId });
    const done = await waitFor((j) => j.status !== "COMMITTING", 600_000);
    const final = await count();
    check(S, "the same file imports afterwards", v2.status === "VALIDATED" && done.status === "DONE" && final === before + IMPORT_ROWS,
      `validate again: ${v2.status}; commit: ${done.status} in ${((Date.now() - t) / 1000).toFixed(1)} s; accounts ${before} -> ${final}`);
    figures.import = { rows: IMPORT_ROWS, killedAtRow: mid.processedRows, before, atKill, after3s: after, jobRowAfterKill: raw, jobAfterRestart: restarted.status, importedAfterwards: final - before, load1: loadavg()[0] };
  } finally {
    rmSync(file, { force: true });
    await app.stop();
    await db.drop();
  }
}

// ------------------------------------------------------------------------------------------------
// (c) PGlite: the app killed with SIGKILL during writes

async function scenarioPglite(build: AppOptions) {
  const S = "pglite kill";
  const db = await freshDatabase("pglite", "");
  const rounds: Record<string, unknown>[] = [];
  const acked = new Set<string>();
  const prefix = `fault-pglite ${RUN}`;
  try {
    for (let round = 1; round <= 2; round++) {
      const t = Date.now();
      let app: App;
      try {
        app = await startApp({ ...build, databaseUrl: db.url });
      } catch (e) {
        check(S, `reopens after kill ${round - 1}`, false, String(e));
        return;
      }
      const startS = +((Date.now() - t) / 1000).toFixed(1);
      const { cookie, userId } = await users(app, db.url);
      const load = startLoad(app.base, cookie, userId, `${prefix} r${round}`, 4, 1);
      await sleep(6000);
      await app.stop("SIGKILL");
      await load.stop();
      for (const s of load.acked) acked.add(s);
      rounds.push({ round, startS, writesAcked: load.acked.size, statuses: statusCounts(load.events) });
      log(`round ${round}: killed the app (SIGKILL) after ${load.acked.size} acknowledged writes`);
    }
    // reopen through the app once more, then check the rows with the app stopped (one process per directory)
    const t = Date.now();
    const app = await startApp({ ...build, databaseUrl: db.url }).catch((e: unknown) => e as Error);
    if (app instanceof Error) {
      check(S, "reopens after SIGKILL", false, app.message);
      return;
    }
    const { cookie, userId } = await users(app, db.url);
    const w = await trpc(app.base, cookie, "mutation", "records.create", { type: "activities", data: { subject: `${prefix} after`, type: "CALL", ownerId: userId } });
    check(S, "reopens after SIGKILL", w.status === 200, `the app started again in ${((Date.now() - t) / 1000).toFixed(1)} s and a write answered ${w.status}`);
    await app.stop();
    const count = await countSubjects(db.url, prefix, acked);
    check(S, "no lost acknowledged writes", count.missing.length === 0, `${acked.size} writes answered 2xx over 2 kills, ${count.inDb - 1} rows in the directory, ${count.missing.length} missing`);
    figures.pglite = { rounds, writesAcked: acked.size, inDb: count.inDb - 1, missing: count.missing.length, load1: loadavg()[0] };
  } finally {
    await db.drop();
  }
}

async function main() {
  const chosen = process.argv.slice(2).filter((a) => ["pg", "import", "pglite"].includes(a));
  const want = (s: string) => !chosen.length || chosen.includes(s);
  const build: AppOptions = { databaseUrl: "", port: PORT, dist: DIST };
  log(`build ${DIST} (FAULTS_SKIP_BUILD=1 reuses it), port ${PORT}`);
  buildApp({ ...build, databaseUrl: SERVER_URL }, process.env.FAULTS_SKIP_BUILD === "1");
  const started = Date.now();
  for (const [name, fn] of [["pglite", scenarioPglite], ["import", scenarioImport], ["pg", scenarioPg]] as const) {
    if (!want(name)) continue;
    try {
      await fn(build);
    } catch (e) {
      check(name, "ran to the end", false, e instanceof Error ? e.stack ?? e.message : String(e));
    }
  }
  const failed = checks.filter((c) => !c.ok);
  const date = new Date().toISOString().slice(0, 16).replace("T", " ");
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/faults.json", JSON.stringify({ date, durationS: Math.round((Date.now() - started) / 1000), checks, figures }, null, 2) + "\n");
  writeFileSync(
    "bench/results/faults.md",
    [`# Fault tests (${date} UTC, npm run test:faults)`, "", "| scenario | check | result | detail |", "|---|---|---|---|", ...checks.map((c) => `| ${c.scenario} | ${c.name} | ${c.ok ? "pass" : "FAIL"} | ${c.detail.replace(/\|/g, "/").replace(/\n/g, " ")} |`), ""].join("\n"),
  );
  log(`${checks.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
