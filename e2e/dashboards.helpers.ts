// Helpers of the dashboard specs: ask the KPI engine (over HTTP, with the page's cookies) for the numbers a
// dashboard should show, and check that charts really drew something.
import { expect, type Locator, type Page } from "@playwright/test";
import { formatKpiValue, type KpiUnit } from "../src/components/kpi/format";

export type Period = { preset: string } | { start: string; end: string };
export type EngineKpi = { id: string; unit: KpiUnit; current: { value: number | null; reason?: string } };

/** kpi.getMany through the tRPC HTTP endpoint (superjson envelope), as the signed-in user of the page. */
export async function engineKpis(page: Page, kpiIds: string[], period: Period, filters: Record<string, string> = {}): Promise<Map<string, EngineKpi>> {
  const input = { json: { kpiIds, period, filters, series: false } };
  const res = await page.request.get(`/api/trpc/kpi.getMany?input=${encodeURIComponent(JSON.stringify(input))}`);
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { result: { data: { json: { kpis: EngineKpi[] } } } };
  return new Map(body.result.data.json.kpis.map((k) => [k.id, k]));
}

/** Dashboard sections stream in one by one: wait until none shows its loading placeholder. */
export async function allSectionsLoaded(page: Page) {
  await expect(page.getByTestId("section-loading")).toHaveCount(0, { timeout: 30_000 });
}

/** The period picker is hydrated (a select changed before that would not reach React). */
export async function pickerReady(page: Page) {
  await expect(page.getByTestId("period-picker")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
}

/** The ids of the KPI cards on the page (from their value elements' test ids). */
export async function cardIds(page: Page, scope?: Locator): Promise<string[]> {
  await allSectionsLoaded(page);
  const root = scope ?? page.locator("body");
  const ids = await root.locator('[data-testid^="kpi-"][data-testid$="-value"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.replace(/^kpi-/, "").replace(/-value$/, "")));
  return [...new Set(ids)];
}

/** Every KPI card on the page shows the engine's value, formatted by its unit; returns the ids checked. */
export async function expectCardsMatchEngine(page: Page, period: Period, filters: Record<string, string> = {}, scope?: Locator): Promise<string[]> {
  const ids = await cardIds(page, scope);
  expect(ids.length).toBeGreaterThan(0);
  const engine = await engineKpis(page, ids, period, filters);
  for (const id of ids) {
    const k = engine.get(id);
    expect(k, `engine returns ${id}`).toBeTruthy();
    await expect(page.getByTestId(`kpi-${id}-value`), `value of ${id}`).toHaveText(formatKpiValue(k!.current.value, k!.unit));
    if (k!.current.value === null) await expect(page.getByTestId(`kpi-${id}-reason`)).toHaveText(k!.current.reason ?? "no data");
  }
  return ids;
}

/** A chart canvas is on the page, has a size and non-blank pixels. */
export async function expectChartDrawn(page: Page, testId: string) {
  const canvas = page.getByTestId(testId);
  await expect(canvas).toBeVisible();
  await expect(canvas).toHaveAttribute("aria-label", /.+/);
  await expect
    .poll(
      () =>
        canvas.evaluate((el) => {
          const c = el as HTMLCanvasElement;
          if (!c.width || !c.height) return 0;
          const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
          return painted;
        }),
      { message: `${testId} has painted pixels` },
    )
    .toBeGreaterThan(100);
}

/** Navigating to a path the role may not see ends on the 403 page. */
export async function expectForbidden(page: Page, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/forbidden$/);
}
