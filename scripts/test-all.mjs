#!/usr/bin/env node
// `npm test`: the unit + integration tests (vitest), then the browser tests (Playwright, Debian's Chromium).
//   TEST_DATABASE_URL unset  -> vitest on in-memory PGlite, browser tests on a PGlite directory
//   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres
//                            -> vitest and browser tests on fresh PostgreSQL databases of that server
//   --unit / --e2e           run only one half
// Streams every tool's output, builds the app once for the browser tests (.next-e2e), exits non-zero on any
// failure and ends with one line: "N passed, N failed".
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = process.cwd();
const bin = (name) => path.join(ROOT, "node_modules/.bin", name);
const args = new Set(process.argv.slice(2));
const wantUnit = !args.has("--e2e");
const wantE2e = !args.has("--unit");
const onPostgres = !!process.env.TEST_DATABASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const distDir = process.env.NEXT_DIST_DIR ?? ".next-e2e";
const tmp = mkdtempSync(path.join(tmpdir(), "sasaran-test-all-"));

const totals = { passed: 0, failed: 0 };
const problems = [];
const started = Date.now();
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
const header = (title) => console.log(`\n=== ${title} ===\n`);

function run(cmd, cmdArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: "inherit", env: { ...process.env, ...env } });
    const forward = (sig) => child.kill(sig);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", (e) => {
      console.error(`[test-all] cannot run ${cmd}: ${e.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

if (wantUnit) {
  header(`vitest (unit + integration) on ${onPostgres ? `PostgreSQL ${new URL(process.env.TEST_DATABASE_URL).host}` : "PGlite (in memory)"}`);
  const t0 = Date.now();
  const out = path.join(tmp, "vitest.json");
  const code = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const r = readJson(out);
  if (r) {
    totals.passed += r.numPassedTests ?? 0;
    totals.failed += r.numFailedTests ?? 0;
    console.log(`[test-all] vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests ?? 0} skipped in ${secs(t0)}`);
  }
  if (code !== 0) problems.push(`vitest exited with ${code}${r ? "" : " (no results file)"}`);
}

if (wantE2e) {
  const e2eDatabase = process.env.E2E_DATABASE ?? (onPostgres ? "postgres" : "pglite");
  header(`playwright (browser tests, Chromium) on ${e2eDatabase}`);
  if (!existsSync(chromium)) {
    console.error(
      `[test-all] Chromium was not found at ${chromium}.\n` +
        "  The browser tests use Debian's Chromium (npx playwright install cannot download here). Install it with:\n" +
        "    sudo apt-get update && sudo apt-get install -y chromium\n" +
        "  or point CHROMIUM_PATH at a Chromium/Chrome binary. (Run only the other tests with: npm test -- --unit)",
    );
    problems.push(`browser tests not run: no Chromium at ${chromium} (apt-get install -y chromium)`);
  } else {
    let t0 = Date.now();
    // build once here, so Playwright's webServer only migrates, seeds and starts (well inside its timeout)
    let built = process.env.E2E_SKIP_BUILD === "1" && existsSync(path.join(ROOT, distDir, "BUILD_ID"));
    if (!built) {
      console.log(`[test-all] next build into ${distDir}`);
      const code = await run(bin("next"), ["build"], { NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" });
      if (code === 0) {
        built = true;
        console.log(`[test-all] build done in ${secs(t0)}`);
      } else problems.push(`next build exited with ${code}`);
    }
    if (built) {
      t0 = Date.now();
      const out = path.join(tmp, "playwright.json");
      const code = await run(bin("playwright"), ["test", "--reporter=list,json"], {
        E2E_DATABASE: e2eDatabase,
        E2E_SKIP_BUILD: "1",
        NEXT_DIST_DIR: distDir,
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
      });
      const r = readJson(out);
      if (r?.stats) {
        const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = r.stats;
        totals.passed += expected + flaky;
        totals.failed += unexpected;
        console.log(`[test-all] playwright: ${expected + flaky} passed (${flaky} flaky), ${unexpected} failed, ${skipped} skipped in ${secs(t0)}`);
        for (const e of r.errors ?? []) if (e?.message) console.error(`[test-all] playwright error: ${e.message.split("\n")[0]}`);
      }
      if (code !== 0) problems.push(`playwright exited with ${code}${r?.stats ? "" : " (no results file)"}`);
    }
  }
}

rmSync(tmp, { recursive: true, force: true });
header(`summary (${secs(started)})`);
for (const p of problems) console.error(`[test-all] FAILED: ${p}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(problems.length || totals.failed ? 1 : 0);
