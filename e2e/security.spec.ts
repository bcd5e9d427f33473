// Hardening as a browser sees it: the CSP lets Next's own scripts run (no violation on the login page, a
// dashboard and the account page), security headers on every answer, password rules on the sign-up form, the
// lockout message (the same for an unknown email), "sign out everywhere" ending another browser's session, and
// next-auth refusing a sign-in POST without its CSRF token.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectHome, storageStateFor } from "./helpers";

const LOCKED = "Too many failed sign-in attempts. Wait 15 minutes and try again.";
const WRONG = "Email or password is incorrect.";

/** Records CSP violations reported in the page (securitypolicyviolation events and console messages). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) fromConsole.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

async function tryLogin(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("CSP with Next's scripts", () => {
  test("the login page hydrates and signs in without a CSP violation", async ({ page }) => {
    const violations = await watchCsp(page);
    const res = await page.goto("/login");
    const csp = res!.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res!.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(res!.headers()["strict-transport-security"]).toMatch(/max-age=/);
    await page.getByLabel("Email").fill("sales@northwind.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectHome(page);
    expect(await violations()).toEqual([]);
  });

  test.describe("signed in", () => {
    test.use({ storageState: storageStateFor("crm@northwind.test") });
    test("a dashboard with charts and the account page run without a CSP violation", async ({ page }) => {
      const violations = await watchCsp(page);
      await page.goto("/dashboards/crm");
      await expect(page.locator("canvas").first()).toBeVisible({ timeout: 60_000 });
      await page.goto("/account");
      await expect(page.getByRole("heading", { name: "Account security" })).toBeVisible();
      expect(await violations()).toEqual([]);
    });
  });
});

test("sign-up refuses a common password with a field message", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Rita Rules");
  await page.getByLabel("Email").fill(`rita-${stamp}@example.test`);
  await page.getByLabel("Password").fill("password1234");
  await page.getByLabel("Company name").fill(`Rules Co ${stamp}`);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByTestId("password-error")).toHaveText("This password is too common. Choose another one.");
  expect(new URL(page.url()).pathname).toBe("/signup");
});

test("after 5 failures an account is locked with the same message as an unknown email", async ({ page }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  // a fresh organization so no demo login is locked
  const email = `lock-${stamp}@example.test`;
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Lou Locked");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("violet-harbour-42");
  await page.getByLabel("Company name").fill(`Lock Co ${stamp}`);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expectHome(page);
  await page.context().clearCookies();
  for (const target of [email, `unknown-${stamp}@example.test`]) {
    for (let i = 0; i < 5; i++) {
      await tryLogin(page, target, `wrong-password-${i}`);
      await expect(page.getByTestId("login-error")).toHaveText(WRONG);
    }
    // the right password (for the real account) no longer helps
    await tryLogin(page, target, "violet-harbour-42");
    await expect(page.getByTestId("login-error")).toHaveText(LOCKED);
  }
});

test("sign out everywhere ends the session in another browser", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const email = `everywhere-${stamp}@example.test`;
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Eve Everywhere");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("violet-harbour-42");
  await page.getByLabel("Company name").fill(`Everywhere Co ${stamp}`);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expectHome(page);
  // a second browser signed in as the same person
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await tryLogin(otherPage, email, "violet-harbour-42");
  await expectHome(otherPage);
  const oldCookies = await other.cookies();

  await expect(page.getByTestId("account-link")).toHaveAttribute("href", "/account");
  await page.goto("/account");
  await page.getByTestId("sign-out-everywhere").click();
  await expect(page).toHaveURL(/\/login/);
  await otherPage.goto("/");
  await expect(otherPage).toHaveURL(/\/login/);
  // the old cookie, replayed as it was, is refused by the API too
  const replay = await other.request.get("/api/trpc/me.get", { headers: { cookie: oldCookies.map((c) => `${c.name}=${c.value}`).join("; ") } });
  expect(replay.status()).toBe(401);
  await other.close();
});

test("next-auth refuses a sign-in POST without its CSRF token", async ({ request }) => {
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email: "crm@northwind.test", password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  const setCookies = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
  expect(setCookies.some((c) => c.includes("session-token=") && !/session-token=;/.test(c))).toBe(false);
  const session = await (await request.get("/api/auth/session")).json();
  expect(session).toEqual({});
});
