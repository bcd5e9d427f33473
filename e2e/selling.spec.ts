// Selling smarter in the browser on the seeded demo company: the sales manager opens the pipeline report from the
// board, reads the bottleneck sentence and clicks through to exactly those deals; then sets a lead-scoring weight
// (a bad one is refused next to its field) and sees the lead list ordered by the new scores.
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./helpers";

test.describe("sales manager", () => {
  test.use({ storageState: storageStateFor("sales@northwind.test") });
  // generous: the machine running the suite may be busy (a test took 54 s at load 20)
  test.describe.configure({ timeout: 180_000 });

  test("finds the pipeline bottleneck and opens the deals behind it", async ({ page }) => {
    // the first page of a freshly started server under load can take long
    await page.goto("/pipeline", { timeout: 90_000 });
    await page.getByTestId("report-link").click({ timeout: 60_000 });
    await expect(page.getByTestId("report-title")).toBeVisible({ timeout: 30_000 });
    const sentence = page.getByTestId("bottleneck-sentence");
    await expect(sentence).toHaveText(/^\d+% of open deals \(\d+ of \d+\) sit in .+, for \d+ days on average; .*\d+% of them \(\d+ of \d+\) had a follow-up \(an activity\) in the last 14 days\.$/, { timeout: 30_000 });
    const [, n, stage] = /\((\d+) of \d+\) sit in (.+?), for/.exec(await sentence.innerText())!;
    await page.getByTestId("bottleneck-deals").click();
    // the list shows every deal behind the number, or the 500 longest in the stage when there are more (an earlier
    // spec may have imported thousands of deals into this database)
    const total = Number(n);
    await expect(page.getByTestId("stage-deals-summary")).toContainText(`${total.toLocaleString("en-US")} open deal${total === 1 ? "" : "s"} in ${stage}`, { timeout: 30_000 });
    await expect(page.getByTestId("stage-deal-row")).toHaveCount(Math.min(total, 500));
  });

  test("sets a scoring weight and sees the leads ordered by the new scores", async ({ page }) => {
    await page.goto("/pipeline/scoring", { timeout: 90_000 });
    await expect(page.getByTestId("weights-table")).toBeVisible({ timeout: 30_000 });
    const form = page.getByTestId("weight-form");
    await form.getByLabel("Attribute").selectOption({ label: "Industry is" });
    await form.getByLabel("Value").fill("Hospitality");
    // a negative weight is refused next to its field
    await form.getByLabel("Points", { exact: true }).fill("-5");
    await form.getByRole("button", { name: "Save weight" }).click();
    await expect(page.getByTestId("weight-points-error")).toContainText("must be zero or more");
    await form.getByLabel("Points", { exact: true }).fill("100");
    await form.getByRole("button", { name: "Save weight" }).click();
    await expect(page.getByTestId("weights-success")).toContainText(/Weight saved; [1-9][\d,]* lead score\(s\) changed\./, { timeout: 30_000 });
    await expect(page.getByTestId("weight-row").filter({ hasText: "hospitality" })).toContainText("100");

    await page.goto("/pipeline/leads", { timeout: 90_000 });
    await expect(page.getByTestId("leads-table")).toBeVisible({ timeout: 30_000 });
    const scores = (await page.getByTestId("lead-score").allInnerTexts()).map(Number);
    expect(scores.length).toBeGreaterThan(1);
    // every hospitality lead now scores 100 and the list starts with the best
    expect(scores[0]).toBe(100);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
