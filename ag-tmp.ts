import { createDb } from "./src/server/db/client";
import { computeKpi } from "./src/server/kpi/engine";
import { getKpi } from "./src/server/kpi/catalog";
import { roleKpiIds } from "./src/server/kpi/role-sets";
import { resolvePeriod } from "./src/server/kpi/period";
const db = await createDb("postgresql://postgres@127.0.0.1:5432/sasaran_bench");
const org = (await db.organization.findUniqueOrThrow({ where: { slug: "northwind" } })).id;
const role = (process.argv[2] ?? "SUPPORT_AGENT") as "SUPPORT_AGENT";
const m = await db.membership.findFirstOrThrow({ where: { organizationId: org, role }, select: { userId: true } });
const p = resolvePeriod({ preset: "last_12_months" }, { grain: "month" });
for (const id of roleKpiIds(role)) {
  await computeKpi(db, org, getKpi(id)!, p, { ownerId: m.userId });
  const t = performance.now();
  await computeKpi(db, org, getKpi(id)!, p, { ownerId: m.userId });
  console.log(id.padEnd(32), (performance.now() - t).toFixed(0), "ms");
}
await db.$disconnect();
