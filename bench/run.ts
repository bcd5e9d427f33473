// `npm run bench`: every benchmark; numbers go to bench/results/. Not part of `npm test`.
//   npm run bench -- kpi       only the KPI benchmark
//   npm run bench -- import    only the CSV import benchmark
//   npm run bench -- load      only the load test (also `npm run bench:load`; not in the default set)
import { benchKpis } from "./kpi";
import { benchDashboards } from "./dashboard";
import { benchImport } from "./import";
import { benchLoad } from "./load";
// bench/per-kpi.ts times each KPI statement alone (diagnosis): npx tsx bench/per-kpi.ts [kpiId ...]

const only = process.argv[2];
if (!only || only === "kpi") await benchKpis();
if (!only || only === "dashboard") await benchDashboards();
if (!only || only === "import") await benchImport();
if (only === "load") await benchLoad();
process.exit(0);
