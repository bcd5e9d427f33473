// `npm run bench`: every benchmark; numbers go to bench/results/. Not part of `npm test`.
import { benchKpis } from "./kpi";
import { benchDashboards } from "./dashboard";
// bench/per-kpi.ts times each KPI statement alone (diagnosis): npx tsx bench/per-kpi.ts [kpiId ...]

const only = process.argv[2];
if (!only || only === "kpi") await benchKpis();
if (!only || only === "dashboard") await benchDashboards();
process.exit(0);
