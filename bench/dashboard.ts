// Dashboard benchmark (issue 4): how soon a manager sees the first numbers of their dashboard on the 1M-row
// bench organization, measured in Debian's Chromium with Playwright against a production build served by
// `next start` on the bench database. Not a test: it writes bench/results/dashboard.{json,md}.
//
// Per dashboard, after one warm-up visit, RUNS visits of /dashboards/<name>?period=last_12_months&grain=month:
//   header      navigation start -> the page title is painted (the page shell streamed)
//   first       navigation start -> the first KPI value is visible (the fastest section streamed in)
//   complete    navigation start -> no section shows its loading placeholder any more
//   titlePaint / firstPaint   navigation start -> the title / first KPI value was painted, as the browser reports
//               it (Element Timing API: the elements carry elementtiming attributes); header and first are when
//               Playwright, polling from outside, first saw them visible
// Twice: with the KPI result cache (the numbers of the warm-up visit are reused: no write in between) and with
// KPI_CACHE=off (every visit computes every number: what a visit right after a write to every table costs).
//
// Env: BENCH_DATABASE_URL (see bench/dataset.ts), DASHBOARD_BENCH_RUNS (default 5), DASHBOARD_BENCH_PORT (3250),
//      DASHBOARD_BENCH_SKIP_BUILD=1 reuses the build in .next-bench.
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { chromium, type Page } from "@playwright/test";
import { ensureBenchDatabase } from "./dataset";
import { buildApp, startApp } from "./server";

const RUNS = Number(process.env.DASHBOARD_BENCH_RUNS ?? 5);
const PORT = Number(process.env.DASHBOARD_BENCH_PORT ?? 3250);
const DIST = ".next-bench";
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "sasaran-demo";
const QUERY = "period=last_12_months&grain=month";
const DASHBOARDS = [
  { name: "crm", email: "crm@northwind.test" },
  { name: "sales", email: "sales@northwind.test" },
  { name: "support", email: "support@northwind.test" },
];

type Visit = { header: number; first: number; complete: number; titlePaint: number; firstPaint: number };

// Collects the paint times of the elements with an elementtiming attribute (first one per identifier).
const PAINT_OBSERVER = () => {
  const painted: Record<string, number> = {};
  (window as unknown as { __painted: typeof painted }).__painted = painted;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { identifier: string; renderTime: number; loadTime: number })[]) {
      painted[e.identifier] ??= e.renderTime || e.loadTime;
    }
  }).observe({ type: "element", buffered: true });
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function visit(page: Page, path: string): Promise<Visit> {
  const t0 = Date.now();
  await page.goto(path, { waitUntil: "commit" });
  await page.locator('#main [data-testid="dashboard-title"]').first().waitFor({ timeout: 120_000 });
  const header = Date.now() - t0;
  await page.locator('[data-testid^="kpi-"][data-testid$="-value"]').first().waitFor({ timeout: 120_000 });
  const first = Date.now() - t0;
  await page.waitForFunction(() => document.querySelector('[data-testid="dashboard-title"]') && !document.querySelector('[data-testid="section-loading"]'), null, { timeout: 300_000, polling: 20 });
  const complete = Date.now() - t0;
  const painted = await page.evaluate(() => (window as unknown as { __painted: Record<string, number> }).__painted);
  const paint = (id: string) => (painted[id] === undefined ? -1 : Math.round(painted[id]));
  return { header, first, complete, titlePaint: paint("dashboard-title"), firstPaint: paint("kpi-value") };
}

type Mode = "cache" | "no cache";

async function visitAll(url: string, mode: Mode, skipBuild: boolean): Promise<Record<string, Visit[]>> {
  const app = { databaseUrl: url, port: PORT, dist: DIST, env: { KPI_CACHE: mode === "cache" ? "on" : "off" } };
  buildApp(app, skipBuild);
  const server = await startApp(app);
  const results: Record<string, Visit[]> = {};
  try {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    try {
      for (const d of DASHBOARDS) {
        const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        await page.addInitScript(PAINT_OBSERVER);
        await page.goto("/login");
        await page.getByLabel("Email").fill(d.email);
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL((u) => u.pathname === "/", { timeout: 60_000 });
        const path = `/dashboards/${d.name}?${QUERY}`;
        await visit(page, path); // warm-up: compiles nothing (production build) but fills connection pools and caches
        const visits: Visit[] = [];
        for (let i = 0; i < RUNS; i++) visits.push(await visit(page, path));
        results[d.name] = visits;
        console.log(`${d.name} (${mode}): first numbers p50 ${pct(visits.map((v) => v.first), 50)} ms, complete p50 ${pct(visits.map((v) => v.complete), 50)} ms`);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
  return results;
}

export async function benchDashboards() {
  const { url, counts } = await ensureBenchDatabase();
  const byMode: Record<Mode, Record<string, Visit[]>> = {
    cache: await visitAll(url, "cache", process.env.DASHBOARD_BENCH_SKIP_BUILD === "1"),
    "no cache": await visitAll(url, "no cache", true),
  };
  const load = loadavg()[1]!.toFixed(1); // 5-minute load average while the visits ran (2 cores)
  const rows = (Object.keys(byMode) as Mode[]).flatMap((mode) => Object.entries(byMode[mode]).map(([name, v]) => ({
    dashboard: name,
    mode,
    runs: v.length,
    headerP50: pct(v.map((x) => x.header), 50),
    titlePaintP50: pct(v.map((x) => x.titlePaint), 50),
    firstPaintP50: pct(v.map((x) => x.firstPaint), 50),
    firstPaintP95: pct(v.map((x) => x.firstPaint), 95),
    firstP50: pct(v.map((x) => x.first), 50),
    firstP95: pct(v.map((x) => x.first), 95),
    completeP50: pct(v.map((x) => x.complete), 50),
    completeP95: pct(v.map((x) => x.complete), 95),
  })));
  mkdirSync("bench/results", { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync("bench/results/dashboard.json", JSON.stringify({ date, counts, query: QUERY, runs: RUNS, loadAverage5m: Number(load), rows, visits: byMode }, null, 2) + "\n");
  const md = [
    `# Dashboard benchmark (${date}, Chromium + next start, PostgreSQL bench dataset, ${RUNS} visits after 1 warm-up)`,
    "",
    `Organization "northwind": ${Object.entries(counts).map(([k, n]) => `${k} ${Number(n).toLocaleString("en-US")}`).join(", ")}. View: ?${QUERY}. Load average (5 min, 2 cores) at the end: ${load}.`,
    "",
    "\"cache\": the KPI result cache on (no write between the visits, so the warm-up's numbers are reused); \"no cache\":",
    "KPI_CACHE=off, every visit computes every number (as a visit right after writes to every table would).",
    "",
    "Painted: when the browser painted the title / the first KPI value (Element Timing API). Visible: when Playwright,",
    "polling the page from outside, first found it visible (what earlier runs reported; it lags the paint).",
    "",
    "| dashboard | KPI results | title painted p50 ms | first numbers painted p50 ms | painted p95 ms | title visible p50 ms | first numbers visible p50 ms | visible p95 ms | all sections p50 ms | all sections p95 ms |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.dashboard} | ${r.mode} | ${r.titlePaintP50} | ${r.firstPaintP50} | ${r.firstPaintP95} | ${r.headerP50} | ${r.firstP50} | ${r.firstP95} | ${r.completeP50} | ${r.completeP95} |`),
    "",
    "Target (issue 4): first numbers in under 1 s.",
    "",
  ].join("\n");
  writeFileSync("bench/results/dashboard.md", md);
  console.log(md);
}
