import { defineConfig, devices } from "@playwright/test";

// Browser tests against a production build on a fresh, seeded database (scripts/e2e-server.mjs).
// Chromium is Debian's (`apt-get install -y chromium`): `npx playwright install` cannot download here.
const PORT = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // one retry: right after a navigation, a streamed page can briefly hold a hidden copy of an element (React's
  // Suspense reveal), which a locator can catch as a strict-mode violation (seen in 3 of 5 full CI runs, each time
  // a different spec). A retried test is reported as "flaky" by scripts/test-all.mjs, not hidden.
  retries: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL,
    // every project (the sign-in setup too) runs Debian's Chromium
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    navigationTimeout: 30_000,
    actionTimeout: 15_000,
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: {
        ...devices["Desktop Chrome"],
      },
    },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
    // SIGTERM lets the script stop `next start` and drop/remove the test database
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
