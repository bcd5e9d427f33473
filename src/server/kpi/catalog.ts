// The KPI catalog: every KPI, one definition each, grouped by family.
import { can, type Role } from "@/server/auth/permissions";
import { customerKpis } from "./families/customer";
import { salesKpis } from "./families/sales";
import { supportKpis } from "./families/support";
import { adoptionKpis } from "./families/adoption";
import { FAMILY_PERMISSION, type KpiDefinition } from "./types";

export const KPIS: readonly KpiDefinition[] = [...salesKpis, ...customerKpis, ...supportKpis, ...adoptionKpis];

const byId = new Map(KPIS.map((k) => [k.id, k]));
if (byId.size !== KPIS.length) throw new Error("duplicate KPI id in the catalog");

export function getKpi(id: string): KpiDefinition | undefined {
  return byId.get(id);
}

/** A role may read a KPI when the permission table gives it the KPI's family. */
export function canReadKpi(role: Role, kpi: Pick<KpiDefinition, "family">): boolean {
  return can(role, FAMILY_PERMISSION[kpi.family]);
}

/** The public description of a KPI (no SQL). */
export function describeKpi(k: KpiDefinition) {
  return { id: k.id, name: k.name, family: k.family, description: k.description, unit: k.unit, direction: k.direction, formula: k.formula, filters: [...k.filters], hasDrillDown: !!k.drill };
}
