// Diagnosis for the CSV import benchmark: where the time of one deal import goes, phase by phase, each phase
// measured alone (wall and CPU time of this process), and the database's own breakdown of the final
// INSERT ... SELECT (EXPLAIN ANALYZE: foreign-key checks and the KpiDaily rollup trigger), rolled back.
// Uses the benchmark database (BENCH_IMPORT_DATABASE_URL, recreated).
//   npx tsx bench/import-phases.ts [rows]        default 100000
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createOrganization, generateFile, recreateDatabase } from "./import";

const url = process.env.BENCH_IMPORT_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/sasaran_import_bench";
const rows = Number(process.argv[2] ?? 100_000);

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  const cpu = process.cpuUsage(c0);
  const s = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(44)} ${s.toFixed(2).padStart(7)} s wall  ${((cpu.user + cpu.system) / 1e6).toFixed(2).padStart(7)} s cpu  ${Math.round(rows / s).toLocaleString("en-US").padStart(9)} rows/s  rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
  return r;
}

const { createDb } = await import("../src/server/db/client");
const { readCsv } = await import("../src/server/import/csv");
const { RowProcessor } = await import("../src/server/import/processor");
const { loadExistingKeys, loadLookups } = await import("../src/server/import/lookups");
const { typeDef } = await import("../src/server/import/fields");
const { autoMap } = await import("../src/server/import/mapping");
const { copyText, insertSql } = await import("../src/server/import/commit");

await recreateDatabase(url);
const org = await createOrganization(url, "phases");
const dir = mkdtempSync(path.join(tmpdir(), "sasaran-import-phases-"));
const file = path.join(dir, "deals.csv");
await generateFile(file, rows, org.repEmail);
console.log(`uptime: ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")}; ${rows.toLocaleString("en-US")} rows`);

const db = await createDb(url);
const def = typeDef("deal");
let headers: string[] = [];
for await (const { cells } of readCsv(file)) {
  headers = cells;
  break;
}
const cfg = { type: "deal" as const, headers, mapping: autoMap("deal", headers), dateFormat: "iso" as const, duplicateMode: "skip" as const };
const mapped = Object.values(cfg.mapping).flatMap((k) => def.fields.filter((fd) => fd.key === k));

await timed("parse only (readCsv)", async () => {
  let n = 0;
  for await (const _ of readCsv(file)) n++;
  return n;
});
const lookups = await timed("load lookups + existing keys", async () => loadLookups(db, org.organizationId, "deal", mapped));
const existing = await loadExistingKeys(db, org.organizationId, "deal");
await timed("parse + process (validation work)", async () => {
  const proc = new RowProcessor(cfg, lookups, existing);
  for await (const { row, cells } of readCsv(file)) if (row > 1) proc.process(row, cells);
});

const client = new pg.Client({ connectionString: url });
await client.connect();
const encode = (n: number, t: string | null, v: (string | null)[]) => `${n}\t${copyText(t)}\t${v.map(copyText).join("\t")}\n`;
await client.query("BEGIN");
await client.query(`CREATE TEMP TABLE import_stage (_n integer NOT NULL, _target text, ${def.columns.map((c) => `"${c.name}" text`).join(", ")}) ON COMMIT DROP`);
await timed("parse + process + COPY into staging", async () => {
  const proc = new RowProcessor(cfg, lookups, existing);
  const copy = client.query(copyFrom("COPY import_stage FROM STDIN"));
  const done = new Promise((res, rej) => { copy.on("finish", res); copy.on("error", rej); });
  let buf = "";
  for await (const { row, cells } of readCsv(file)) {
    if (row === 1) continue;
    const o = proc.process(row, cells);
    if (o.kind !== "create") throw new Error(o.kind);
    buf += encode(row, null, o.values);
    if (buf.length > 256 * 1024) {
      if (!copy.write(buf)) await new Promise((r) => copy.once("drain", r));
      buf = "";
    }
  }
  copy.write(buf);
  copy.end();
  await done;
});
await client.query("ANALYZE import_stage");
await client.query("SAVEPOINT a");
await timed("INSERT ... SELECT (triggers, FKs, indexes)", () => client.query(insertSql(def, "import_stage"), [org.organizationId]));
await client.query("ROLLBACK TO SAVEPOINT a");
const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${insertSql(def, "import_stage").replace("$1::uuid", `'${org.organizationId}'::uuid`)}`);
await client.query("ROLLBACK TO SAVEPOINT a");
console.log(plan.rows.map((r) => r["QUERY PLAN"]).filter((l: string) => /Trigger|Execution|Planning|Insert|Sort|Scan/.test(l)).join("\n"));
await client.query("ROLLBACK");
await client.end();
await db.$disconnect();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
