// Role dashboards: each manager sees the KPI engine's numbers for the seeded data, other roles' dashboards are
// refused on the server, the period picker changes the URL and the numbers, and the charts draw.
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./helpers";
import { cardIds, engineKpis, expectCardsMatchEngine, expectChartDrawn, expectForbidden, pickerReady } from "./dashboards.helpers";

const DEFAULT = { preset: "this_quarter" };

test.describe("CRM manager", () => {
  test.use({ storageState: storageStateFor("crm@northwind.test") });

  test("the CRM dashboard shows the engine's customer, headline, adoption and data-quality numbers", async ({ page }) => {
    await page.goto("/dashboards/crm");
    await expect(page.getByTestId("dashboard-title")).toHaveText("CRM dashboard");
    const ids = await expectCardsMatchEngine(page, DEFAULT);
    for (const id of ["customer_retention_rate", "churn_rate", "customer_lifetime_value", "profit_margin_per_customer", "renewal_rate", "active_users", "records_created_per_user", "data_completeness", "duplicate_rate", "win_rate", "nps"]) {
      expect(ids, `card ${id}`).toContain(id);
    }
    await expectChartDrawn(page, "chart-retention-churn");
    await expectChartDrawn(page, "chart-data-quality");
    await expectChartDrawn(page, "spark-churn_rate");
    // the formula is behind an accessible button, with a link to the definition
    const toggle = page.getByTestId("kpi-churn_rate-formula-toggle");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByTestId("kpi-churn_rate-formula")).toBeHidden();
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByTestId("kpi-churn_rate-formula")).toContainText("customers lost");
    await expect(page.getByTestId("kpi-churn_rate").getByRole("link", { name: "How is this computed?" })).toHaveAttribute("href", "/kpis#kpi-churn_rate");
  });

  test("links prefetch their page when pointed at, not all at once when the dashboard loads", async ({ page }) => {
    const prefetched: string[] = [];
    page.on("request", (r) => {
      if (r.headers()["next-router-prefetch"]) prefetched.push(new URL(r.url()).pathname);
    });
    await page.goto("/dashboards/crm");
    await expect(page.getByTestId("kpi-churn_rate-drill")).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(prefetched, "prefetches after loading the dashboard").toEqual([]);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pipeline" }).first().hover();
    await expect.poll(() => prefetched).toContain("/pipeline");
    await page.getByTestId("kpi-churn_rate-drill").focus();
    await expect.poll(() => prefetched).toContain("/dashboards/drill/churn_rate");
  });

  test("a drill-down lists the records behind a KPI, paginated on the server, with a way back", async ({ page }) => {
    await page.goto("/dashboards/crm?period=last_year");
    await page.getByTestId("kpi-new_customers-drill").click();
    await expect(page).toHaveURL(/\/dashboards\/drill\/new_customers\?.*period=last_year/);
    await expect(page.getByTestId("drill-title")).toHaveText(/New customers|Customers/);
    const engine = await engineKpis(page, ["new_customers"], { preset: "last_year" });
    const n = engine.get("new_customers")!.current.value ?? 0;
    if (n > 0) {
      await expect(page.getByTestId("drill-table")).toBeVisible();
      await expect(page.getByTestId("drill-count")).toContainText(`of ${n.toLocaleString("en-US")}`);
    } else {
      await expect(page.getByTestId("empty-state")).toBeVisible();
    }
    await page.getByTestId("drill-back").click();
    await expect(page).toHaveURL(/\/dashboards\/crm\?period=last_year/);
  });
});

test.describe("Sales & marketing manager", () => {
  test.use({ storageState: storageStateFor("sales@northwind.test") });

  test("the sales dashboard shows the engine's numbers and its charts", async ({ page }) => {
    await page.goto("/dashboards/sales");
    await expect(page.getByTestId("dashboard-title")).toHaveText("Sales & marketing dashboard");
    const ids = await expectCardsMatchEngine(page, DEFAULT);
    for (const id of ["leads_created", "lead_conversion_rate", "win_rate", "sales_cycle_days", "new_revenue", "cac", "cac_payback_months", "email_list_growth_rate"]) expect(ids).toContain(id);
    await expectChartDrawn(page, "chart-pipeline");
    await expect(page.getByTestId("table-pipeline")).toBeVisible();
    await expect(page.getByTestId("section-cost").getByTestId("table-campaigns").or(page.getByTestId("section-cost").getByTestId("empty-state")).first()).toBeVisible();
  });

  test("changing the period changes the URL and the numbers; the view survives a reload", async ({ page }) => {
    await page.goto("/dashboards/sales?period=this_quarter");
    const before = await page.getByTestId("kpi-leads_created-value").textContent();
    await pickerReady(page);
    await page.getByTestId("period-select").selectOption("last_12_months");
    await expect(page).toHaveURL(/period=last_12_months/);
    const engine = await engineKpis(page, ["leads_created"], { preset: "last_12_months" });
    await expect(page.getByTestId("kpi-leads_created-value")).not.toHaveText(before ?? "");
    await expectCardsMatchEngine(page, { preset: "last_12_months" });
    expect(engine.get("leads_created")!.current.value).not.toBeNull();
    await expectChartDrawn(page, "chart-funnel");
    await expectChartDrawn(page, "chart-leads-by-source");
    await expectChartDrawn(page, "chart-sales-cycle");
    await expectChartDrawn(page, "chart-new-revenue");
    // a shared link shows the same view
    await page.reload();
    // visible: while a page streams in after a reload, React can briefly hold a hidden copy of it
    await expect(page.getByTestId("period-select").filter({ visible: true })).toHaveValue("last_12_months");
    await expectCardsMatchEngine(page, { preset: "last_12_months" });
  });

  test("custom dates and an owner filter are kept in the URL and applied", async ({ page }) => {
    await page.goto("/dashboards/sales");
    await pickerReady(page);
    await page.getByTestId("period-select").selectOption("custom");
    await page.getByTestId("period-start").fill("2026-01-01");
    await page.getByTestId("period-end").fill("2026-03-31");
    await page.getByTestId("period-apply").click();
    await expect(page).toHaveURL(/start=2026-01-01&end=2026-04-01/);
    await expectCardsMatchEngine(page, { start: "2026-01-01", end: "2026-04-01" });

    const owner = page.getByTestId("owner-select");
    const ownerId = await owner.locator("option").nth(1).getAttribute("value");
    expect(ownerId).toBeTruthy();
    await owner.selectOption(ownerId!);
    await expect(page).toHaveURL(new RegExp(`owner=${ownerId}`));
    const filtered = await engineKpis(page, ["leads_created", "win_rate", "new_revenue"], { start: "2026-01-01", end: "2026-04-01" }, { ownerId: ownerId! });
    const { formatKpiValue } = await import("../src/components/kpi/format");
    for (const [id, k] of filtered) await expect(page.getByTestId(`kpi-${id}-value`)).toHaveText(formatKpiValue(k.current.value, k.unit));
  });

  test("other managers' dashboards are refused", async ({ page }) => {
    await expectForbidden(page, "/dashboards/crm");
    await expectForbidden(page, "/dashboards/support");
  });
});

test.describe("Customer support manager", () => {
  test.use({ storageState: storageStateFor("support@northwind.test") });

  test("the support dashboard shows the engine's numbers, the NPS distribution and the breakdowns", async ({ page }) => {
    await page.goto("/dashboards/support?period=last_12_months");
    await expect(page.getByTestId("dashboard-title")).toHaveText("Support dashboard");
    const ids = await expectCardsMatchEngine(page, { preset: "last_12_months" });
    for (const id of ["tickets_opened_per_day", "tickets_closed_per_day", "ticket_backlog", "first_response_time_median", "first_response_time_p90", "resolution_time_median", "resolution_time_p90", "first_contact_resolution", "csat", "nps", "ces"]) {
      expect(ids).toContain(id);
    }
    await expectChartDrawn(page, "chart-nps-distribution");
    await expectChartDrawn(page, "chart-nps-split");
    await expectChartDrawn(page, "chart-tickets-per-day");
    await expectChartDrawn(page, "chart-first-response");
    await expect(page.getByTestId("table-by-channel")).toBeVisible();
    await expect(page.getByTestId("table-by-priority")).toBeVisible();
  });

  test("a channel filter narrows the ticket KPIs (URL kept)", async ({ page }) => {
    await page.goto("/dashboards/support?period=last_12_months");
    await pickerReady(page);
    await page.getByTestId("channel-select").selectOption("EMAIL");
    await expect(page).toHaveURL(/channel=EMAIL/);
    const engine = await engineKpis(page, ["tickets_opened_per_day", "first_contact_resolution"], { preset: "last_12_months" }, { channel: "EMAIL" });
    const { formatKpiValue } = await import("../src/components/kpi/format");
    for (const [id, k] of engine) await expect(page.getByTestId(`kpi-${id}-value`)).toHaveText(formatKpiValue(k.current.value, k.unit));
  });

  test("other managers' dashboards are refused", async ({ page }) => {
    await expectForbidden(page, "/dashboards/crm");
    await expectForbidden(page, "/dashboards/sales");
  });
});

test.describe("Staff", () => {
  test.describe("sales rep", () => {
    test.use({ storageState: storageStateFor("rep@northwind.test") });

    test("My work shows the rep's open deals and own numbers (the engine's, forced to the rep)", async ({ page }) => {
      await page.goto("/my?period=last_12_months");
      await expect(page.getByTestId("my-title")).toHaveText("My work");
      await expect(page.getByTestId("card-myDeals")).toBeVisible();
      await expect(page.getByTestId("my-queue").or(page.getByTestId("empty-state")).first()).toBeVisible();
      const ids = await expectCardsMatchEngine(page, { preset: "last_12_months" }, {}, page.getByTestId("section-numbers"));
      expect(ids).toContain("win_rate");
      expect(await cardIds(page)).not.toContain("cac"); // organization-wide KPIs are not personal
    });

    test("managers' dashboards are refused", async ({ page }) => {
      await expectForbidden(page, "/dashboards/sales");
      await expectForbidden(page, "/dashboards/crm");
      await expectForbidden(page, "/dashboards/support");
    });
  });

  test.describe("support agent", () => {
    test.use({ storageState: storageStateFor("agent@northwind.test") });

    test("My work shows the agent's open tickets and own numbers", async ({ page }) => {
      await page.goto("/my?period=last_12_months");
      await expect(page.getByTestId("card-myTickets")).toBeVisible();
      const ids = await expectCardsMatchEngine(page, { preset: "last_12_months" }, {}, page.getByTestId("section-numbers"));
      expect(ids).toContain("first_contact_resolution");
    });

    test("managers' dashboards are refused", async ({ page }) => {
      await expectForbidden(page, "/dashboards/support");
      await expectForbidden(page, "/dashboards/sales");
    });
  });
});
