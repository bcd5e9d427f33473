import { expect, type Page } from "@playwright/test";
import path from "node:path";

// The fixed demo logins the seed creates (src/server/demo/users.ts), one per role.
export const DEMO_PASSWORD = "sasaran-demo";
export const DEMO_LOGINS = [
  { role: "CRM_MANAGER", email: "crm@northwind.test" },
  { role: "SALES_MANAGER", email: "sales@northwind.test" },
  { role: "SUPPORT_MANAGER", email: "support@northwind.test" },
  { role: "SALES_REP", email: "rep@northwind.test" },
  { role: "SUPPORT_AGENT", email: "agent@northwind.test" },
  { role: "CRM_MANAGER (Contoso)", email: "crm@contoso.test" },
] as const;

/** Where auth.setup.ts saves each login's cookies (gitignored). */
export function storageStateFor(email: string): string {
  return path.join(process.cwd(), "playwright/.auth", `${email.replace(/[^a-z0-9]+/gi, "_")}.json`);
}

/** Signs in through the login page and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectHome(page);
}

/** The signed-in home page: its heading and at least one summary card. */
export async function expectHome(page: Page) {
  // the first sign-in of a fresh server also warms it up (argon2, database connection, first render)
  await expect(page.getByTestId("home-title")).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-testid^="card-"]').first()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");
}
