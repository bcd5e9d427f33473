// `npm run bench`: every benchmark; numbers go to bench/results/. Not part of `npm test`.
import { benchKpis } from "./kpi";

const only = process.argv[2];
if (!only || only === "kpi") await benchKpis();
process.exit(0);
