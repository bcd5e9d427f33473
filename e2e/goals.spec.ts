// Goals end to end: managers create the PRODUCT.md examples through the guided SMART form ("reduce churn by
// 25% by the end of next quarter", "sales cycle 120 -> 60 days", "CAC 115 -> 80"), see progress and status as
// the server computes them, record a check-in; goals at risk show on the dashboards; staff see the goals that
// concern them and cannot create any. The specs run in file order (one worker): later ones use earlier goals.
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./helpers";
import { expectForbidden } from "./dashboards.helpers";
import { formatKpiValue, type KpiUnit } from "../src/components/kpi/format";

type Progress = { baseline: number | null; target: number | null; current: number | null; progress: number | null; status: string; todaysTarget: number | null; forecast: number | null };
type GoalDetail = { goal: { id: string; title: string }; kpi: { unit: KpiUnit }; progress: Progress; checkIns: { note: string }[] };

// every run starts from a freshly seeded database (scripts/e2e-server.mjs): fixed titles are unique
const TITLES = {
  churn: "Reduce churn by 25% by the end of next quarter",
  cycle: "Sales cycle from 120 to 60 days",
  cac: "CAC from $115 to $80",
  revenue: "Triple new revenue",
};

async function apiGet<T>(page: Page, path: string, input: unknown): Promise<{ status: number; data: T }> {
  const res = await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await res.json()) as { result?: { data: { json: T } } };
  return { status: res.status(), data: body.result?.data.json as T };
}

async function apiPost(page: Page, path: string, input: unknown): Promise<number> {
  const res = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  return res.status();
}

const goalIdFromUrl = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

/** The goal page shows the server's numbers, formatted by the KPI's unit. */
async function expectGoalPageMatchesServer(page: Page): Promise<GoalDetail> {
  const { status, data } = await apiGet<GoalDetail>(page, "goals.get", { goalId: goalIdFromUrl(page) });
  expect(status).toBe(200);
  const p = data.progress;
  const unit = data.kpi.unit;
  await expect(page.getByTestId("goal-baseline")).toHaveText(formatKpiValue(p.baseline, unit));
  await expect(page.getByTestId("goal-target")).toHaveText(formatKpiValue(p.target, unit));
  await expect(page.getByTestId("goal-current")).toHaveText(formatKpiValue(p.current, unit));
  await expect(page.getByTestId("goal-todays-target")).toHaveText(formatKpiValue(p.todaysTarget, unit));
  await expect(page.getByTestId("goal-forecast")).toHaveText(formatKpiValue(p.forecast, unit));
  await expect(page.getByTestId("goal-progress")).toHaveText(p.progress === null ? "—" : `${p.progress.toFixed(0)}%`);
  await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", p.status);
  // progress is measured from baseline to target, whatever the KPI's direction
  if (p.baseline !== null && p.target !== null && p.current !== null && p.target !== p.baseline) {
    expect(p.progress).toBeCloseTo(((p.current - p.baseline) / (p.target - p.baseline)) * 100, 6);
  }
  return data;
}

async function fillSmart(page: Page, g: { title: string; kpi: string; owner?: string; ownScope?: boolean; targetType?: "ABSOLUTE" | "RELATIVE"; target: string; baseline?: { value: string; reason: string }; start?: string; deadline?: string; cadence?: string }) {
  await page.getByLabel("Goal title").fill(g.title);
  await page.getByLabel("KPI", { exact: true }).selectOption({ label: g.kpi });
  if (g.owner) await page.getByLabel("Owner", { exact: true }).selectOption({ label: g.owner });
  if (g.ownScope) await page.getByLabel(/Count only the owner's records/).check();
  await page.getByLabel("Action plan").fill("Call every account 60 days before renewal and fix onboarding gaps.");
  if (g.baseline) {
    await page.getByLabel(/Enter the baseline by hand/).check();
    await page.getByLabel("Baseline", { exact: true }).fill(g.baseline.value);
    await page.getByLabel("Reason for this baseline").fill(g.baseline.reason);
  }
  await page.getByLabel("Target as").selectOption(g.targetType ?? "ABSOLUTE");
  await page.getByLabel(g.targetType === "RELATIVE" ? "Target change (%)" : "Target value").fill(g.target);
  await page.getByLabel("Why it matters").fill("Every point of this KPI is revenue we keep or earn.");
  if (g.start) await page.getByLabel("Start date").fill(g.start);
  if (g.deadline) await page.getByLabel("Deadline").fill(g.deadline);
  if (g.cadence) await page.getByLabel("Review cadence").selectOption({ label: g.cadence });
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test.describe("CRM manager", () => {
  test.use({ storageState: storageStateFor("crm@northwind.test") });

  test("creates 'reduce churn by 25% by the end of next quarter' and records a review", async ({ page }) => {
    await page.goto("/goals");
    await expect(page.getByTestId("goals-title")).toHaveText("Goals");
    await page.getByTestId("goal-new").click();
    await expect(page).toHaveURL(/\/goals\/new$/);
    // the default deadline is the end of next quarter. The small seeded company may have lost no customer in the
    // last months (a zero baseline, from which a relative change is refused): the baseline comes from a report
    await fillSmart(page, { title: TITLES.churn, kpi: "Churn rate", targetType: "RELATIVE", target: "-25", cadence: "Quarterly", baseline: { value: "4", reason: "4% a quarter in the board report" } });
    await expect(page.getByTestId("baseline-measured")).toContainText("Measured baseline");
    await expect(page.getByTestId("target-resolved")).toContainText("From 4.0% to 3.0%");
    await expect(page.getByTestId("smart-S")).toHaveAttribute("data-ok", "true");
    await expect(page.getByTestId("smart-R")).toHaveAttribute("data-ok", "true");
    await page.getByTestId("goal-save").click();
    await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("goal-title")).toHaveText(TITLES.churn);
    const d = await expectGoalPageMatchesServer(page);
    // a relative target: 25% below the baseline
    expect(d.progress).toMatchObject({ baseline: 4 });
    expect(d.progress.target).toBeCloseTo(3, 8);
    await expect(page.getByTestId("chart-goal")).toBeVisible();
    await expect(page.getByTestId("how-computed")).toContainText("How is this computed?");

    await page.getByLabel("Note").fill("Q1 review: onboarding calls started");
    await page.getByTestId("check-in-save").click();
    await expect(page.getByTestId("check-in-ok")).toBeVisible();
    await expect(page.getByTestId("check-in").first()).toContainText("Q1 review: onboarding calls started");
    await expect(page.getByTestId("check-in").first()).toContainText("review");
  });
});

test.describe("Sales & marketing manager", () => {
  test.use({ storageState: storageStateFor("sales@northwind.test") });

  test("creates 'sales cycle 120 -> 60 days' for the Sales team with a baseline from a report; sees members' values", async ({ page }) => {
    await page.goto("/goals/new");
    await fillSmart(page, { title: TITLES.cycle, kpi: "Sales cycle length (mean)", owner: "Sales (team)", ownScope: true, baseline: { value: "120", reason: "Four months in last year's board report" }, target: "60" });
    await expect(page.getByTestId("target-resolved")).toContainText("120.0 days");
    await page.getByTestId("goal-save").click();
    await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
    const d = await expectGoalPageMatchesServer(page);
    expect(d.progress).toMatchObject({ baseline: 120, target: 60 });
    await expect(page.getByTestId("goal-baseline")).toHaveText("120.0 days");
    // a ratio: each member's own value, no shares
    await expect(page.getByTestId("goal-rollup")).toContainText("A ratio does not add up");
    await expect(page.getByTestId("baseline-edits")).toContainText("Four months in last year's board report");
  });

  test("creates 'CAC 115 -> 80' after the SMART check flags a target in the wrong direction", async ({ page }) => {
    await page.goto("/goals/new");
    await fillSmart(page, { title: TITLES.cac, kpi: "Customer acquisition cost (CAC)", baseline: { value: "115", reason: "Finance's Q3 figure" }, target: "130" });
    await expect(page.getByTestId("smart-A")).toContainText("wrong direction");
    await page.getByLabel("Target value").fill("80");
    await expect(page.getByTestId("smart-A")).not.toContainText("wrong direction");
    await page.getByTestId("goal-save").click();
    await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
    const d = await expectGoalPageMatchesServer(page);
    expect(d.progress).toMatchObject({ baseline: 115, target: 80 });
  });

  test("a goal far behind its path is flagged on the sales dashboard", async ({ page }) => {
    await page.goto("/goals/new");
    await fillSmart(page, { title: TITLES.revenue, kpi: "New revenue", targetType: "RELATIVE", target: "200", start: day(-300), deadline: day(30) });
    await page.getByTestId("goal-save").click();
    await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
    const d = await expectGoalPageMatchesServer(page);
    expect(["AT_RISK", "OFF_TRACK"]).toContain(d.progress.status);
    await page.goto("/dashboards/sales");
    await expect(page.getByTestId("goals-at-risk")).toContainText(TITLES.revenue);
  });

  test("cannot set a goal on a support KPI (refused by the server)", async ({ page }) => {
    await page.goto("/goals");
    const status = await apiPost(page, "goals.create", {
      title: "Backlog", kpiId: "ticket_backlog", filters: {}, startDate: day(0), deadline: day(60), targetType: "ABSOLUTE", targetValue: 10, ownerUserId: null, ownerTeamId: null,
    });
    expect(status).toBe(403);
  });
});

test.describe("Customer support manager", () => {
  test.use({ storageState: storageStateFor("support@northwind.test") });

  test("creates a first-contact-resolution goal for the Support team and sees its members' values", async ({ page }) => {
    await page.goto("/goals/new");
    await fillSmart(page, { title: "First contact resolution to 80%", kpi: "First contact resolution", owner: "Support (team)", ownScope: true, target: "80" });
    await page.getByTestId("goal-save").click();
    await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
    await expectGoalPageMatchesServer(page);
    await expect(page.getByTestId("goal-rollup")).toBeVisible();
  });
});

test.describe("CRM manager's dashboard", () => {
  test.use({ storageState: storageStateFor("crm@northwind.test") });

  test("lists every goal at risk in the organization", async ({ page }) => {
    await page.goto("/dashboards/crm");
    await expect(page.getByTestId("goals-at-risk")).toContainText(TITLES.revenue);
  });
});

test.describe("Sales rep (staff)", () => {
  test.use({ storageState: storageStateFor("rep@northwind.test") });

  test("sees the Sales team's goal, cannot edit or review it, and cannot create a goal", async ({ page }) => {
    await page.goto("/goals");
    await expect(page.getByTestId("goals-table")).toContainText(TITLES.cycle);
    await expect(page.getByTestId("goals-table")).not.toContainText(TITLES.churn); // the CRM manager's own goal
    await expect(page.getByTestId("goal-new")).toHaveCount(0);
    await page.getByRole("link", { name: TITLES.cycle }).click();
    await expect(page.getByTestId("goal-title")).toHaveText(TITLES.cycle);
    await expectGoalPageMatchesServer(page);
    await expect(page.getByTestId("goal-edit")).toHaveCount(0);
    await expect(page.getByTestId("check-in-form")).toHaveCount(0);
    await expectForbidden(page, "/goals/new");
    const status = await apiPost(page, "goals.create", {
      title: "My own cycle", kpiId: "sales_cycle_days", filters: {}, startDate: day(0), deadline: day(60), targetType: "ABSOLUTE", targetValue: 30, ownerUserId: null, ownerTeamId: null,
    });
    expect(status).toBe(403);
  });
});
