// Records in the browser: a sales manager creates an account and a deal, edits the deal, reads its history,
// deletes it after confirming; the rep cannot open it; the CRM manager finds every step in the audit log;
// a filtered list exports as CSV with formula cells escaped.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./helpers";

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const accountName = `E2E Account ${run}`;
const dealName = `E2E Deal ${run}`;
let dealUrl = "";

test.describe("sales manager", () => {
  test.use({ storageState: storageStateFor("sales@northwind.test") });

  test("creates an account (inline errors first), then a deal on it", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Records", exact: true }).click();
    await page.getByRole("link", { name: /^Accounts/ }).click();
    await expect(page.getByTestId("records-title")).toHaveText("Accounts");
    await page.getByTestId("record-new").click();

    // nothing filled: the server names the field, shown under it
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("accounts-name-error")).toHaveText("Name is required.");
    await expect(page.getByLabel("Name *")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Name *").fill(accountName);
    await page.getByLabel("Status").selectOption("ACTIVE");
    await page.getByLabel("Employees").fill("12");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("record-title")).toHaveText(accountName);
    await expect(page.getByTestId("value-status")).toHaveText("Active");

    await page.goto("/records/deals/new");
    await page.getByLabel("Name *").fill(dealName);
    await page.getByLabel("Amount *").fill("1500");
    await page.getByLabel("Search account").fill(accountName);
    const account = page.getByRole("combobox", { name: "Account", exact: true });
    await expect(account.locator("option", { hasText: accountName })).toHaveCount(1);
    await account.selectOption({ label: accountName });
    await page.getByRole("button", { name: "Create deal" }).click();
    await expect(page.getByTestId("record-title")).toHaveText(dealName);
    await expect(page.getByTestId("value-accountId")).toHaveText(accountName);
    // a new deal starts in the first stage; the stage is not editable here
    await expect(page.getByTestId("value-stageId")).toHaveText("Prospecting");
    await expect(page.getByLabel("Stage")).toHaveCount(0);
    dealUrl = new URL(page.url()).pathname;
  });

  test("edits the deal and sees the change in its history", async ({ page }) => {
    await page.goto(dealUrl);
    await page.getByLabel("Amount *").fill("2500.5");
    await page.getByLabel("Product").fill("Premium plan");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("record-form-saved")).toBeVisible();
    await expect(page.getByTestId("value-amount")).toHaveText("2,500.50");
    const entries = page.getByTestId("record-history").locator(":scope > li");
    await expect(entries).toHaveCount(2);
    await expect(entries.first()).toContainText("changed it");
    await expect(entries.first()).toContainText("Amount: 1,500.00 → 2,500.50");
    await expect(entries.first()).toContainText("Product: — → Premium plan");
    await expect(entries.last()).toContainText("created it");
    await expect(entries.last()).toContainText(`Name: — → ${dealName}`);

    // a bad value: the message is under the field and nothing is saved
    await page.getByLabel("Amount *").fill("lots");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("deals-amount-error")).toHaveText("Amount must be a number.");
    await page.reload();
    // in the Details region: while the page streams in, React briefly holds a hidden copy of a section
    await expect(page.getByRole("region", { name: "Details" }).getByTestId("value-amount")).toHaveText("2,500.50");
  });

  test("exports a filtered list as CSV", async ({ page }) => {
    await page.goto(`/records/accounts?q=${encodeURIComponent(accountName)}&status=ACTIVE`);
    await expect(page.getByTestId("record-count")).toHaveText("1 record");
    await expect(page.getByLabel("Search", { exact: true })).toHaveValue(accountName);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("record-export").click()]);
    expect(download.suggestedFilename()).toMatch(/^accounts-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^ID,Name,Status,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${accountName},ACTIVE`);
  });

  test("deletes the deal only after confirming", async ({ page }) => {
    await page.goto(dealUrl);
    await page.getByTestId("record-delete").click();
    const dialog = page.getByRole("dialog", { name: "Delete this deal?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("record-title")).toHaveText(dealName);

    await page.getByTestId("record-delete").click();
    await page.getByTestId("confirm-button").click();
    await expect(page).toHaveURL(/\/records\/deals$/);
    await searchList(page, dealName);
    await expect(page.getByTestId("record-empty")).toBeVisible();
    // managers can still find it among the deleted ones
    // the box follows the URL (?deleted=1), which the click changes
    await page.getByLabel("Show deleted").click();
    await expect(page).toHaveURL(/deleted=1/);
    await expect(page.getByLabel("Show deleted")).toBeChecked();
    await expect(page.getByTestId("record-table")).toContainText(dealName);
  });
});

test.describe("other roles", () => {
  test("the rep cannot open the manager's deal; a support agent cannot open deals at all", async ({ browser }) => {
    const rep = await browser.newContext({ storageState: storageStateFor("rep@northwind.test") });
    const repPage = await rep.newPage();
    await repPage.goto(dealUrl);
    await expect(repPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await rep.close();
    const agent = await browser.newContext({ storageState: storageStateFor("agent@northwind.test") });
    const agentPage = await agent.newPage();
    await agentPage.goto("/records/deals");
    await expect(agentPage.getByTestId("forbidden-title")).toBeVisible();
    await agent.close();
  });

  test("the CRM manager sees the create, change and delete in the audit log", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: storageStateFor("crm@northwind.test") });
    const page = await ctx.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByTestId("audit-title")).toHaveText("Audit log");
    await page.getByLabel("Record type").selectOption("Deal");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/entityType=Deal/);
    const dealId = dealUrl.split("/").pop()!.slice(0, 8);
    const rows = page.getByTestId("audit-table").locator("tbody tr", { hasText: `Deal ${dealId}` });
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText("Delete");
    await expect(rows.nth(1)).toContainText("Amount: 1,500.00 → 2,500.50");
    await expect(rows.nth(2)).toContainText("Create");
    // the log is read-only: no edit or delete controls
    await expect(page.getByTestId("audit-table").getByRole("button")).toHaveCount(0);
    await ctx.close();
  });
});

async function searchList(page: Page, q: string) {
  await page.getByLabel("Search", { exact: true }).fill(q);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(q).replace(/%20/g, "(\\+|%20)")}`));
}
