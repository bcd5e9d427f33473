#!/usr/bin/env node
// The app as the browser tests see it (Playwright's webServer): a fresh database, migrated and seeded,
// and a production build served by `next start` on 127.0.0.1:$E2E_PORT (default 3200).
//
//   E2E_DATABASE=pglite    (default) a fresh PGlite directory in the temp dir, removed on exit
//   E2E_DATABASE=postgres  a fresh database sasaran_e2e_<pid> on TEST_DATABASE_URL's server
//                          (default postgresql://postgres@127.0.0.1:5432/postgres), dropped on exit;
//                          refuses a non-local server unless E2E_ALLOW_REMOTE_DB=1
//   E2E_SKIP_BUILD=1       reuse an existing build in $NEXT_DIST_DIR (default .next-e2e)
//
// PGlite takes ONE process per data directory: migrate and seed run (and exit) before `next start`.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

const ROOT = process.cwd();
const PORT = Number(process.env.E2E_PORT ?? 3200);
const KIND = process.env.E2E_DATABASE ?? "pglite";
const DIST = process.env.NEXT_DIST_DIR ?? ".next-e2e";
const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
// a fixed, test-only secret: these sessions protect nothing but seeded test data
const NEXTAUTH_SECRET = "sasaran-e2e-secret-not-for-production-0123456789";
const bin = (name) => path.join(ROOT, "node_modules/.bin", name);
const log = (msg) => console.log(`[e2e-server] ${msg}`);

if (KIND !== "pglite" && KIND !== "postgres") {
  console.error(`[e2e-server] E2E_DATABASE must be "pglite" or "postgres" (got "${KIND}")`);
  process.exit(2);
}

let child = null; // the running step (migrate, seed, build or next start)
let cleanup = async () => {};
let stopping = false;

/** Runs a command to completion (streams its output); rejects on a non-zero exit. */
function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      child = null;
      if (code === 0) {
        log(`${path.basename(cmd)} ${args.join(" ")}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        resolve();
      } else reject(new Error(`${path.basename(cmd)} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

async function withAdmin(fn) {
  const c = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function preparePostgres() {
  const host = new URL(SERVER_URL).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host) && process.env.E2E_ALLOW_REMOTE_DB !== "1") {
    throw new Error(`refusing to create test databases on the non-local server "${host}" (set E2E_ALLOW_REMOTE_DB=1 to allow)`);
  }
  const name = `sasaran_e2e_${process.pid}`;
  await withAdmin(async (c) => {
    // databases left behind by a run that was killed (its process is gone)
    const stale = await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'sasaran\\_e2e\\_%'");
    for (const { datname } of stale.rows) {
      const pid = Number(datname.slice("sasaran_e2e_".length));
      if (pid && pid !== process.pid && !alive(pid)) {
        log(`dropping stale database ${datname}`);
        await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  cleanup = async () => {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    log(`dropped database ${name}`);
  };
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  log(`database: PostgreSQL ${u.host}/${name}`);
  return u.toString();
}

function preparePglite() {
  const dir = mkdtempSync(path.join(tmpdir(), "sasaran-e2e-"));
  cleanup = async () => {
    rmSync(dir, { recursive: true, force: true });
    log(`removed ${dir}`);
  };
  log(`database: PGlite ${dir}`);
  return `pglite:${dir}`;
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  try {
    await cleanup();
  } catch (e) {
    console.error(`[e2e-server] cleanup failed: ${e?.message ?? e}`);
  }
  process.exit(code);
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    if (child) {
      child.kill(sig);
      // give next a moment to close the database, then clean up regardless
      setTimeout(() => shutdown(0), 10_000).unref();
    } else shutdown(0);
  });
}

try {
  const t0 = Date.now();
  const haveBuild = existsSync(path.join(ROOT, DIST, "BUILD_ID"));
  if (process.env.E2E_SKIP_BUILD === "1" && haveBuild) log(`reusing the build in ${DIST} (E2E_SKIP_BUILD=1)`);
  else {
    if (process.env.E2E_SKIP_BUILD === "1") log(`E2E_SKIP_BUILD=1 but ${DIST} has no build: building`);
    // built before the database exists: the build must not need one
    await run(bin("next"), ["build"], { NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" });
  }
  const DATABASE_URL = KIND === "postgres" ? await preparePostgres() : preparePglite();
  await run(process.execPath, ["scripts/migrate.mjs", "deploy"], { DATABASE_URL });
  await run(bin("tsx"), ["scripts/seed.ts", "--size", "test", "--seed", "42"], { DATABASE_URL });
  if (stopping) await new Promise(() => {}); // a signal arrived between steps: shutdown() exits the process
  const NEXTAUTH_URL = `http://127.0.0.1:${PORT}`;
  log(`ready to serve after ${((Date.now() - t0) / 1000).toFixed(1)} s: next start on ${NEXTAUTH_URL}`);
  child = spawn(bin("next"), ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    stdio: "inherit",
    // no idle-rule sweep timer in the browser tests (AUTOMATION_SWEEP_MINUTES=0): what they see comes from their own actions
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST, DATABASE_URL, NEXTAUTH_SECRET, NEXTAUTH_URL, AUTOMATION_SWEEP_MINUTES: "0" },
  });
  child.on("exit", (code, signal) => {
    log(`next start exited (${signal ?? `code ${code}`})`);
    shutdown(stopping ? 0 : (code ?? 1));
  });
} catch (e) {
  console.error(`[e2e-server] ${e?.message ?? e}`);
  await shutdown(1);
}
