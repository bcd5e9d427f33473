import { can, type Role } from "@/server/auth/permissions";
import { FAMILY_PERMISSION, type Family, type KpiDefinition, type KpiFilters } from "./types";

// Staff (reps, agents) read their own numbers only: their family's KPIs filtered to themselves.
const PERSONAL_FAMILY: Partial<Record<Role, Family>> = { SALES_REP: "sales", SUPPORT_AGENT: "support" };

export type KpiAccess = { ok: true; filters: KpiFilters } | { ok: false; message: string };

/** Whether a role may read a KPI with these filters; staff get their own ownerId forced. */
export function kpiAccess(role: Role, userId: string, kpi: Pick<KpiDefinition, "id" | "name" | "family" | "filters">, filters: KpiFilters): KpiAccess {
  if (can(role, FAMILY_PERMISSION[kpi.family])) return { ok: true, filters };
  if (can(role, "kpi:personal") && PERSONAL_FAMILY[role] === kpi.family && kpi.filters.includes("ownerId")) {
    if (filters.ownerId && filters.ownerId !== userId) return { ok: false, message: "You can only see your own numbers." };
    if (filters.teamId) return { ok: false, message: "You can only see your own numbers." };
    return { ok: true, filters: { ...filters, ownerId: userId } };
  }
  return { ok: false, message: `Your role cannot read the KPI "${kpi.name}".` };
}

/** Whether the role can read the KPI at all (for listings). */
export function canSeeKpi(role: Role, kpi: Pick<KpiDefinition, "id" | "name" | "family" | "filters">): boolean {
  return kpiAccess(role, "", kpi, {}).ok;
}
