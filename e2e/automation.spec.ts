// Automation rules in the browser on the seeded demo company: the sales manager builds "deal value above 500 ->
// call task for the owner" with the keyboard-reachable form, tests it against existing records, switches it on; the
// rep creates a deal of 800 and finds the task; the run log shows the run. Reps have no automation page.
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./helpers";
import { expectForbidden } from "./dashboards.helpers";

test.describe("sales manager builds the 500 rule; a new deal gets its task", () => {
  test.use({ storageState: storageStateFor("sales@northwind.test") });

  test("creates the rule in the UI, the rep's new deal of 800 gets the call task", async ({ page, browser }) => {
    test.setTimeout(180_000);
    const stamp = Date.now().toString(36);
    const ruleName = `E2E big deals ${stamp}`;
    const subject = `E2E call within 24 h ${stamp}`;

    // generous: this may be the first page a cold server renders on a busy machine
    await page.goto("/automation", { timeout: 120_000 });
    await expect(page.getByTestId("automation-title")).toBeVisible({ timeout: 60_000 });
    await page.getByRole("button", { name: "New rule" }).click();
    const form = page.getByTestId("rule-form");
    // saving an empty rule names the field
    await form.getByRole("button", { name: "Save rule" }).click();
    await expect(page.getByTestId("rule-name-error")).toContainText("Give the rule a name.");

    await form.getByLabel("Name").fill(ruleName);
    await form.getByLabel("Record").selectOption("DEAL");
    await form.getByLabel("Event").selectOption("CREATED");
    await form.getByRole("button", { name: "Add condition" }).click();
    await form.getByLabel("Condition 1: field").selectOption("value");
    await form.getByLabel("Condition 1: test").selectOption("gt");
    await form.getByLabel("Condition 1: value").fill("500");
    await form.getByLabel("Action 1").selectOption("createTask");
    await form.getByLabel("Task type").selectOption("CALL");
    await form.getByLabel("Task text").fill(subject);
    await form.getByLabel("Due in hours").fill("24");

    // the dry run lists existing deals above 500 and writes nothing
    await form.getByRole("button", { name: "Test against existing records" }).click();
    await expect(form.getByTestId("dry-run")).toBeVisible();
    expect(Number(await form.getByTestId("dry-run-count").innerText())).toBeGreaterThan(0);
    await expect(form.getByTestId("dry-run-record").first()).toContainText(`would create the call task "${subject}"`);

    await form.getByRole("button", { name: "Save rule" }).click();
    const row = page.getByTestId("rule-row").filter({ hasText: ruleName });
    await expect(row.getByTestId("rule-state")).toHaveText("off");
    await row.getByRole("button", { name: `Switch on ${ruleName}` }).click();
    await expect(row.getByTestId("rule-state")).toHaveText("on");

    // the rep creates a deal of 800: the rule runs in the same transaction
    const repContext = await browser.newContext({ storageState: storageStateFor("rep@northwind.test") });
    const rep = await repContext.newPage();
    const dealName = `E2E automation deal ${stamp}`;
    await rep.goto("/records/deals/new");
    await rep.getByLabel("Name *").fill(dealName);
    await rep.getByLabel("Amount *").fill("800");
    await rep.getByRole("button", { name: "Create deal" }).click();
    await expect(rep.getByTestId("record-title")).toHaveText(dealName);
    await rep.goto(`/records/activities?q=${encodeURIComponent(subject)}`);
    await expect(rep.getByRole("link", { name: subject })).toBeVisible();
    await repContext.close();

    // the run log shows the run on that deal
    await page.reload();
    // visible: while a page streams in after a reload, React can briefly hold a hidden copy of it
    const reloaded = page.getByTestId("rule-row").filter({ hasText: ruleName, visible: true });
    await reloaded.getByRole("button", { name: "Run log" }).click();
    await expect(reloaded.getByTestId("run-row")).toHaveCount(1);
    await expect(reloaded.getByTestId("run-row")).toContainText(dealName);
    await expect(reloaded.getByTestId("run-row")).toContainText("DONE");

    // switched off and deleted (with confirmation), so the rule does not linger for other specs
    await reloaded.getByRole("button", { name: `Switch off ${ruleName}` }).click();
    await expect(reloaded.getByTestId("rule-state")).toHaveText("off");
    await reloaded.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("dialog")).toContainText(`Delete the rule "${ruleName}"?`);
    await page.getByRole("dialog").getByTestId("confirm-button").click();
    await expect(page.getByTestId("rule-row").filter({ hasText: ruleName })).toHaveCount(0);
  });
});

test.describe("sales rep", () => {
  test.use({ storageState: storageStateFor("rep@northwind.test") });

  test("has no automation page", async ({ page }) => {
    await expectForbidden(page, "/automation");
  });
});
