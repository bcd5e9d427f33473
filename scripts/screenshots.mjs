#!/usr/bin/env node
/* global document -- used inside page.evaluate(), which runs in the browser */
// Screenshots of each role's dashboard for the README, taken from a running app (seeded with demo data):
//
//   APP_URL=http://127.0.0.1:3000 node scripts/screenshots.mjs
//
// Signs in as each demo user and saves docs/screenshots/<role>-dashboard.png (1440x900 viewport).
// Options (env): OUT_DIR (default docs/screenshots), WIDTH / HEIGHT (default 1440 / 900), FULL_PAGE=1 for the
// whole page, QUERY (appended to each dashboard URL, e.g. "period=last_quarter"), ROLES (comma-separated subset),
// CHROMIUM_PATH (default /usr/bin/chromium), PASSWORD (default the demo password).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const APP_URL = (process.env.APP_URL ?? "").replace(/\/$/, "");
if (!APP_URL) {
  console.error("screenshots: set APP_URL to the running app, e.g. APP_URL=http://127.0.0.1:3000");
  process.exit(2);
}
const OUT_DIR = process.env.OUT_DIR ?? "docs/screenshots";
const WIDTH = Number(process.env.WIDTH ?? 1440);
const HEIGHT = Number(process.env.HEIGHT ?? 900);
const PASSWORD = process.env.PASSWORD ?? "sasaran-demo";
const QUERY = process.env.QUERY ? `?${process.env.QUERY}` : "";

const ROLES = [
  { role: "crm", email: "crm@northwind.test", path: "/dashboards/crm", ready: "dashboard-crm" },
  { role: "sales", email: "sales@northwind.test", path: "/dashboards/sales", ready: "dashboard-sales" },
  { role: "support", email: "support@northwind.test", path: "/dashboards/support", ready: "dashboard-support" },
  { role: "rep", email: "rep@northwind.test", path: "/my", ready: "my-page" },
  { role: "agent", email: "agent@northwind.test", path: "/my", ready: "my-page" },
].filter((r) => !process.env.ROLES || process.env.ROLES.split(",").includes(r.role));

mkdirSync(OUT_DIR, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
let failed = 0;
try {
  for (const r of ROLES) {
    const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    try {
      await page.goto(`${APP_URL}/login`);
      await page.getByLabel("Email").fill(r.email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((u) => u.pathname === "/", { timeout: 30_000 });
      await page.goto(`${APP_URL}${r.path}${QUERY}`);
      // (while a streamed page swaps in, a hidden copy of it may exist for a moment: wait for the one in <main>)
      await page.locator(`#main [data-testid="${r.ready}"]`).waitFor({ timeout: 60_000 });
      // dashboard sections stream in one by one: wait until no section shows its placeholder
      await page.waitForFunction(() => !document.querySelector('[data-testid="section-loading"]'), null, { timeout: 60_000 });
      // charts draw after hydration: wait until every canvas has a size
      await page.waitForFunction(() => [...document.querySelectorAll("canvas")].every((c) => c.width > 0 && c.height > 0), null, { timeout: 30_000 });
      await page.waitForTimeout(300);
      const file = path.join(OUT_DIR, `${r.role}-dashboard.png`);
      await page.screenshot({ path: file, fullPage: process.env.FULL_PAGE === "1" });
      console.log(`screenshots: ${file}`);
    } catch (e) {
      failed++;
      console.error(`screenshots: ${r.role} failed: ${e instanceof Error ? e.message : e}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
