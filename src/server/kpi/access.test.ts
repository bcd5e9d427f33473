import { describe, expect, it } from "vitest";
import { kpiAccess } from "./access";
import type { KpiDefinition } from "./types";

const kpi = (family: KpiDefinition["family"], filters: KpiDefinition["filters"] = ["ownerId"]) => ({ id: "x", name: "X", family, filters });
const me = "00000000-0000-4000-8000-000000000001";
const other = "00000000-0000-4000-8000-000000000002";

describe("who may read which KPI", () => {
  it("the CRM manager reads every family", () => {
    for (const f of ["sales", "customer", "support", "adoption"] as const) expect(kpiAccess("CRM_MANAGER", me, kpi(f), {}).ok).toBe(true);
  });
  it("a support manager cannot read sales KPIs such as CAC, nor adoption", () => {
    expect(kpiAccess("SUPPORT_MANAGER", me, kpi("sales"), {})).toEqual({ ok: false, message: 'Your role cannot read the KPI "X".' });
    expect(kpiAccess("SUPPORT_MANAGER", me, kpi("adoption"), {}).ok).toBe(false);
    expect(kpiAccess("SUPPORT_MANAGER", me, kpi("support"), {}).ok).toBe(true);
  });
  it("a sales manager reads sales and customer KPIs, not support", () => {
    expect(kpiAccess("SALES_MANAGER", me, kpi("sales"), {}).ok).toBe(true);
    expect(kpiAccess("SALES_MANAGER", me, kpi("customer"), {}).ok).toBe(true);
    expect(kpiAccess("SALES_MANAGER", me, kpi("support"), {}).ok).toBe(false);
  });
  it("staff read their own family's KPIs, forced to their own records", () => {
    expect(kpiAccess("SALES_REP", me, kpi("sales"), {})).toEqual({ ok: true, filters: { ownerId: me } });
    expect(kpiAccess("SALES_REP", me, kpi("sales"), { ownerId: other }).ok).toBe(false);
    expect(kpiAccess("SALES_REP", me, kpi("sales"), { teamId: other }).ok).toBe(false);
    expect(kpiAccess("SALES_REP", me, kpi("support"), {}).ok).toBe(false);
    expect(kpiAccess("SUPPORT_AGENT", me, kpi("support"), {})).toEqual({ ok: true, filters: { ownerId: me } });
    // a KPI that cannot be narrowed to one person (e.g. CAC) stays closed to staff
    expect(kpiAccess("SALES_REP", me, kpi("sales", []), {}).ok).toBe(false);
    expect(kpiAccess("SALES_REP", me, kpi("customer"), {}).ok).toBe(false);
  });
});
