// CSV import in the browser: the sales manager uploads a deal export, checks the auto-mapping, validates,
// sees the errors of a bad file, imports a clean file and watches the progress bar move to the end.
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./helpers";

// enough rows that the import runs across several progress polls (400 ms): PostgreSQL (COPY) stages 20,000 rows
// between two polls on an idle machine, PGlite (batched inserts) is several times slower
const ROWS = process.env.E2E_DATABASE === "postgres" ? 200_000 : 20_000;

function dealsCsv(rows: number, tag: string): Buffer {
  const lines = ["Deal Name,Amount,Deal Stage,Create Date,Record ID"];
  for (let i = 1; i <= rows; i++) lines.push(`E2E ${tag} deal ${i},${1000 + i}.00,Proposal,2026-0${1 + (i % 9)}-15,e2e-${tag}-${i}`);
  return Buffer.from(lines.join("\n") + "\n");
}

async function uploadDeals(page: Page, name: string, buffer: Buffer) {
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import", level: 1 })).toBeVisible();
  await page.getByLabel("Record type").selectOption("deal");
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer }, { timeout: 90_000 }); // a 19 MB buffer goes to the browser: slow under load
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page).toHaveURL(/\/import\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("mapping-table")).toBeVisible();
}

test.describe("import as the sales & marketing manager", () => {
  test.use({ storageState: storageStateFor("sales@northwind.test") });

  test("a bad file lists its errors per row and column and cannot be imported", async ({ page }) => {
    const csv = "Deal Name,Amount,Deal Stage,Create Date\nGood,100,Proposal,2026-01-02\nNegative,-5,Proposal,2026-01-02\nTypo,10,Proposall,2026-02-30\n";
    await uploadDeals(page, "bad-deals.csv", Buffer.from(csv));
    await page.getByRole("button", { name: /^Validate/ }).click();
    await expect(page.getByTestId("stat-errors")).toHaveText("3");
    const errors = page.getByTestId("errors-table");
    await expect(errors).toContainText("must not be negative");
    await expect(errors).toContainText("is not a pipeline stage; allowed: Prospecting");
    await expect(errors).toContainText("not a real date");
    await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download the report (CSV)" }).click();
    const file = await (await download).path();
    const text = (await import("node:fs")).readFileSync(file, "utf8");
    expect(text.split("\r\n")[0]).toBe("row,column,value,problem,kind");
    expect(text).toContain("3,Amount,'-5,must not be negative,error");
  });

  test(`${ROWS.toLocaleString("en-US")} deals: mapping, validation, import with a moving progress bar`, async ({ page }) => {
    test.setTimeout(240_000);
    const tag = Date.now().toString(36);
    await uploadDeals(page, "deals.csv", dealsCsv(ROWS, tag));
    // recognised HubSpot headers are mapped already
    await expect(page.getByLabel("Field for column Deal Name")).toHaveValue("name");
    await expect(page.getByLabel("Field for column Deal Stage")).toHaveValue("stage");
    await expect(page.getByLabel("Field for column Create Date")).toHaveValue("openedAt");
    await expect(page.getByLabel("Field for column Record ID")).toHaveValue("externalId");

    await page.getByRole("button", { name: /^Validate/ }).click();
    await expect(page.getByTestId("stat-create")).toHaveText(ROWS.toLocaleString("en-US"), { timeout: 120_000 });
    await expect(page.getByTestId("stat-errors")).toHaveText("0");

    await page.getByRole("button", { name: `Import ${ROWS.toLocaleString("en-US")} rows` }).click();
    const bar = page.getByTestId("import-progress");
    await expect(bar).toBeVisible();
    // sample the bar while the import runs: it must show rows done before the end
    const seen = new Set<number>();
    for (let i = 0; i < 600; i++) {
      const value = await bar.getAttribute("value").catch(() => null);
      if (value === null) break;
      seen.add(Number(value));
      if ((await page.getByTestId("job-status").textContent()) !== "Importing") break;
      await page.waitForTimeout(100);
    }
    const intermediate = [...seen].filter((v) => v > 0 && v < ROWS);
    expect(intermediate.length, `progress values seen: ${[...seen].join(", ")}`).toBeGreaterThan(0);

    await expect(page.getByTestId("job-status")).toHaveText("Imported", { timeout: 180_000 });
    await expect(page.getByTestId("stat-created")).toHaveText(ROWS.toLocaleString("en-US"));
    await expect(page.getByTestId("job-message")).toContainText(`${ROWS} created`);

    // the job is listed on the import page
    await page.goto("/import");
    await expect(page.getByTestId("imports-table")).toContainText("deals.csv");
  });
});

test.describe("staff", () => {
  test.use({ storageState: storageStateFor("rep@northwind.test") });

  test("a sales rep has no import page", async ({ page }) => {
    await page.goto("/import");
    await expect(page).toHaveURL(/\/forbidden/);
    const res = await page.request.post("/api/import/upload?type=deal&name=x.csv", { data: "Name,Amount,Stage\nx,1,Proposal\n" });
    expect(res.status()).toBe(403);
  });
});
