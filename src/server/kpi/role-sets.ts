// The KPIs each role's dashboard shows: one place, used by the dashboards and the benchmark.
import type { Role } from "@/server/auth/permissions";
import { KPIS } from "./catalog";
import type { Family } from "./types";

const family = (...f: Family[]) => KPIS.filter((k) => f.includes(k.family)).map((k) => k.id);
/** a few headline numbers of the other families for the CRM manager's summary */
const HEADLINES = ["win_rate", "new_revenue", "lead_conversion_rate", "nps", "csat", "first_contact_resolution"];

export function roleKpiIds(role: Role): string[] {
  switch (role) {
    case "CRM_MANAGER": return [...family("customer", "adoption"), ...HEADLINES.filter((id) => KPIS.some((k) => k.id === id))];
    case "SALES_MANAGER": return family("sales");
    case "SUPPORT_MANAGER": return family("support");
    // staff: their family's KPIs that can be narrowed to one owner (the engine forces ownerId = the user)
    case "SALES_REP": return KPIS.filter((k) => k.family === "sales" && k.filters.includes("ownerId")).map((k) => k.id);
    case "SUPPORT_AGENT": return KPIS.filter((k) => k.family === "support" && k.filters.includes("ownerId")).map((k) => k.id);
  }
}
