// Public surveys in the browser: a support manager creates a survey and links; a customer without an account
// answers on the public page (also with JavaScript off); a single-use link answers once; unknown tokens are 404.
import { expect, test, type Browser } from "@playwright/test";
import { storageStateFor } from "./helpers";
import { expectForbidden } from "./dashboards.helpers";

/** A browser context with no session at all: the customer. */
async function customer(browser: Browser, javaScriptEnabled = true) {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] }, javaScriptEnabled });
  return { ctx, page: await ctx.newPage() };
}

test.describe("support manager and customers", () => {
  test.use({ storageState: storageStateFor("support@northwind.test") });

  test("creates an NPS survey; a customer answers it without signing in; the answer counts at once", async ({ page, browser }) => {
    await page.goto("/surveys");
    await expect(page.getByTestId("surveys-title")).toBeVisible();
    const name = `E2E NPS ${Date.now()}`;
    await page.getByLabel("Type").selectOption("NPS");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create survey" }).click();
    const url = (await page.getByTestId("survey-created-link").innerText()).trim();
    expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{32}$/);

    const { ctx, page: p } = await customer(browser);
    await p.goto(url);
    await expect(p.getByRole("group", { name: /recommend/ })).toBeVisible();
    await p.getByRole("button", { name: "Send answer" }).click();
    await expect(p.getByTestId("survey-error")).toContainText("choose a number from 0 to 10");
    await p.getByText("9", { exact: true }).click();
    await p.getByLabel(/Anything you would like to add/).fill("Quick and friendly");
    await p.getByRole("button", { name: "Send answer" }).click();
    await expect(p.getByTestId("survey-thanks")).toBeVisible();
    await ctx.close();

    await page.reload();
    // visible: while a page streams in after a reload, React can briefly hold a hidden copy of it
    await expect(page.getByTestId("survey-row").filter({ hasText: name, visible: true })).toContainText("1 answer · mean 9.0");
  });

  test("a single-use link for a ticket answers once, even with JavaScript off", async ({ page, browser }) => {
    await page.goto("/surveys");
    const name = `E2E CSAT ${Date.now()}`;
    await page.getByLabel("Type").selectOption("CSAT");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create survey" }).click();
    await expect(page.getByTestId("survey-created")).toBeVisible();
    // the link form's survey list refreshes after the create; once in CI it did not within 15 s (open issue),
    // so this flow starts from a fresh page: what it tests is the single-use link
    await page.reload();
    await page.getByLabel("Survey", { exact: true }).filter({ visible: true }).selectOption({ label: `${name} (CSAT)` });
    const ticket = page.getByLabel("Ticket", { exact: true });
    await expect(ticket.locator("option").nth(1)).toBeAttached();
    await ticket.selectOption({ index: 1 });
    await page.getByRole("button", { name: "Create link" }).click();
    const url = (await page.getByTestId("link-created-url").innerText()).trim();

    const { ctx, page: p } = await customer(browser, false);
    await p.goto(url);
    await p.getByText("4", { exact: true }).click();
    await p.getByRole("button", { name: "Send answer" }).click();
    await expect(p.getByTestId("survey-thanks")).toBeVisible();
    await p.goto(url);
    await expect(p.getByTestId("survey-already-answered")).toBeVisible();
    await expect(p.getByRole("button", { name: "Send answer" })).toHaveCount(0);
    await ctx.close();

    await page.reload();
    await expect(page.getByTestId("survey-row").filter({ hasText: name, visible: true })).toContainText("single-use links: 1 of 1 answered");
  });

  test("an unknown or malformed token is a plain 404", async ({ browser }) => {
    const { ctx, page } = await customer(browser);
    for (const token of ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not a token"]) {
      const res = await page.goto(`/s/${encodeURIComponent(token)}`);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
    await ctx.close();
  });
});

test.describe("sales manager", () => {
  test.use({ storageState: storageStateFor("sales@northwind.test") });
  test("does not run surveys", async ({ page }) => {
    await expectForbidden(page, "/surveys");
  });
});
