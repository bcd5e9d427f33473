// Pipeline board and lead flow in the browser on the seeded demo company: moving a deal with the "Move to" menu
// (keyboard) and by drag and drop updates the stage totals; "show more" pages a column; converting a lead puts
// a deal in the first stage; the board is refused to roles without sales records.
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./helpers";
import { expectForbidden } from "./dashboards.helpers";

const OPEN_STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation"];

/**
 * The first open column holding a card, and a different column near the left edge to move it to. Waits for React
 * to be attached: the cards are in the server HTML, and a drag before hydration is lost (a CI run failed on it).
 */
async function pickStages(page: Page) {
  await expect(page.getByTestId("pipeline-board")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
  await expect(page.getByTestId("deal-card").first()).toBeVisible();
  for (const from of OPEN_STAGES) {
    if ((await count(page, from)) > 0) return { from, to: from === "Prospecting" ? "Qualification" : "Prospecting" };
  }
  throw new Error("the rep has no open deals");
}

/**
 * A column's deal count, read from the board once React is attached: right after a page load the count was once
 * found twice in the "Prospecting" column for a moment (a strict-mode failure in CI), never on the hydrated board.
 */
const count = async (page: Page, stage: string) =>
  Number((await page.locator('[data-testid="pipeline-board"][data-hydrated="true"]').getByTestId(`stage-${stage}`).getByTestId("stage-count").innerText()).replace(/,/g, ""));

test.describe("sales rep", () => {
  test.use({ storageState: storageStateFor("rep@northwind.test") });

  test("moves a deal with the keyboard menu; the stage totals follow", async ({ page }) => {
    await page.goto("/pipeline");
    await expect(page.getByTestId("pipeline-title")).toBeVisible();
    const { from, to } = await pickStages(page);
    const [fromBefore, toBefore] = [await count(page, from), await count(page, to)];
    const card = page.getByTestId(`stage-${from}`).getByTestId("deal-card").first();
    const name = (await card.locator("p").first().innerText()).trim();
    const menu = card.getByRole("combobox", { name: `Move ${name} to` });
    await menu.focus();
    await menu.selectOption({ label: to });
    await expect(page.getByTestId("board-status")).toContainText(`"${name}" moved to ${to}`);
    await expect.poll(() => count(page, from)).toBe(fromBefore - 1);
    await expect.poll(() => count(page, to)).toBe(toBefore + 1);
    await expect(page.getByTestId(`stage-${to}`).getByTestId("deal-card").filter({ hasText: name }).first()).toBeVisible();
    // it stays there after a reload (the server recorded it)
    await page.reload();
    await expect(page.getByTestId(`stage-${to}`).getByTestId("deal-card").filter({ hasText: name }).first()).toBeVisible();
  });

  test("drags a deal to another column", async ({ page }) => {
    await page.goto("/pipeline");
    const { from, to } = await pickStages(page);
    const [fromBefore, toBefore] = [await count(page, from), await count(page, to)];
    const card = page.getByTestId(`stage-${from}`).getByTestId("deal-card").first();
    const name = (await card.locator("p").first().innerText()).trim();
    // drop near the column's top: columns stretch to the tallest one, and the middle of a tall column can be below
    // the window, where Playwright would scroll in the middle of the drag and the drop is lost
    await card.dragTo(page.getByTestId(`stage-${to}`), { targetPosition: { x: 40, y: 24 } });
    await expect(page.getByTestId("board-status")).toContainText(`"${name}" moved to ${to}`);
    await expect.poll(() => count(page, from)).toBe(fromBefore - 1);
    await expect.poll(() => count(page, to)).toBe(toBefore + 1);
  });

  test("converts a lead into a deal in the first stage", async ({ page }) => {
    await page.goto("/pipeline");
    const before = await count(page, "Prospecting");
    await page.goto("/pipeline/leads");
    await expect(page.getByTestId("leads-title")).toBeVisible();
    const row = page.getByTestId("lead-row").filter({ has: page.getByRole("button", { name: "Convert to deal" }) }).first();
    await row.getByRole("button", { name: "Convert to deal" }).click();
    const form = page.getByRole("form", { name: /^Convert .* to a deal$/ });
    await form.getByRole("button", { name: "Convert" }).click();
    await expect(form.getByText("Enter the expected amount")).toBeVisible();
    await form.getByLabel("Amount").fill("4200");
    await form.getByRole("button", { name: "Convert" }).click();
    await expect(page.getByTestId("lead-success")).toContainText("into a deal in the first stage");
    await page.goto("/pipeline");
    await expect.poll(() => count(page, "Prospecting")).toBe(before + 1);
  });

  test("has no data-quality page", async ({ page }) => {
    await expectForbidden(page, "/data-quality");
  });
});

test.describe("sales manager", () => {
  test.use({ storageState: storageStateFor("sales@northwind.test") });

  test("sees everyone's deals and pages a long column with show more", async ({ page }) => {
    await page.goto("/pipeline");
    await expect(page.getByTestId("pipeline-board")).toBeVisible();
    await expect(page.getByTestId("deal-card").first()).toBeVisible();
    // the longest open column
    const counts = await Promise.all(OPEN_STAGES.map(async (name) => ({ name, n: await count(page, name) })));
    const longest = counts.sort((a, b) => b.n - a.n)[0]!;
    const total = longest.n;
    test.skip(total <= 20, "the demo company has no column with more than 20 open deals");
    const stage = page.getByTestId(`stage-${longest.name}`);
    await expect(stage.getByTestId("deal-card")).toHaveCount(20);
    await stage.getByRole("button", { name: /Show more/ }).click();
    await expect(stage.getByTestId("deal-card")).toHaveCount(Math.min(40, total));
  });

  test("cannot open the ticket desk", async ({ page }) => {
    await expectForbidden(page, "/tickets");
  });
});
