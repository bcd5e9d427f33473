// Prints one KPI's statement with its parameters inlined (for EXPLAIN in psql): npx tsx bench/sql-of.ts <kpiId> [base]
import pg from "pg";
import { getKpi } from "../src/server/kpi/catalog";
import { kpiStatement } from "../src/server/kpi/engine";
import { resolvePeriod } from "../src/server/kpi/period";
import { BENCH_URL } from "./dataset";

const client = new pg.Client({ connectionString: BENCH_URL });
await client.connect();
const org = (await client.query(`SELECT id FROM "Organization" WHERE slug = 'northwind'`)).rows[0].id as string;
await client.end();
const period = resolvePeriod({ preset: "last_12_months" });
const s = kpiStatement(org, getKpi(process.argv[2]!)!, [period.current, period.previous, ...period.series], {}, period.now, process.argv[3] === "base" ? "base" : "auto");
console.log(s.sql.replace(/\$1::uuid/g, `'${org}'::uuid`) + ";");
