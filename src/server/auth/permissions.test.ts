import { describe, expect, it } from "vitest";
import { ACTIONS, PERMISSIONS, ROLES, can, isRole, isStaff, type Action, type Role } from "./permissions";

// The expected table, written out by hand: a change to PERMISSIONS must change this test too.
const EXPECTED: Record<Role, Action[]> = {
  CRM_MANAGER: [...ACTIONS],
  SALES_MANAGER: ["home:read", "kpi:sales", "kpi:customer", "kpi:personal", "records:sales", "records:import", "goals:read", "goals:manage", "automation:manage", "sales:configure"],
  SUPPORT_MANAGER: ["home:read", "kpi:support", "kpi:customer", "kpi:personal", "records:support", "records:import", "surveys:manage", "goals:read", "goals:manage"],
  SALES_REP: ["home:read", "kpi:personal", "records:sales", "goals:read"],
  SUPPORT_AGENT: ["home:read", "kpi:personal", "records:support", "goals:read"],
};

describe("permission table", () => {
  it("covers exactly the five roles", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });

  it.each([...ROLES])("%s may do exactly its actions", (role) => {
    for (const action of ACTIONS) expect(can(role, action), `${role} ${action}`).toBe(EXPECTED[role].includes(action));
  });

  it("only lists known actions", () => {
    for (const role of ROLES) for (const a of PERMISSIONS[role]) expect(ACTIONS).toContain(a);
  });

  it("keeps user management and the audit log for the CRM manager only", () => {
    for (const role of ROLES) {
      expect(can(role, "org:manageUsers")).toBe(role === "CRM_MANAGER");
      expect(can(role, "audit:read")).toBe(role === "CRM_MANAGER");
    }
  });

  it("lets every role read its home page and its own numbers", () => {
    for (const role of ROLES) {
      expect(can(role, "home:read")).toBe(true);
      expect(can(role, "kpi:personal")).toBe(true);
    }
  });

  it("lets only managers import, each their family's record types", () => {
    // the family is the records:* action (src/server/import/jobs.ts canImportType); importing needs records:import too
    for (const role of ["SALES_REP", "SUPPORT_AGENT"] as const) expect(can(role, "records:import")).toBe(false);
    for (const role of ["CRM_MANAGER", "SALES_MANAGER", "SUPPORT_MANAGER"] as const) expect(can(role, "records:import")).toBe(true);
  });

  it("lets only the CRM manager and the sales manager manage automation rules", () => {
    for (const role of ROLES) expect(can(role, "automation:manage"), role).toBe(role === "CRM_MANAGER" || role === "SALES_MANAGER");
  });

  it("lets only the CRM and sales managers configure the pipeline stages and the lead-scoring model", () => {
    for (const role of ROLES) expect(can(role, "sales:configure")).toBe(role === "CRM_MANAGER" || role === "SALES_MANAGER");
  });

  it("keeps sales and support records apart", () => {
    expect(can("SALES_REP", "records:support")).toBe(false);
    expect(can("SUPPORT_AGENT", "records:sales")).toBe(false);
    expect(can("SALES_MANAGER", "kpi:support")).toBe(false);
    expect(can("SUPPORT_MANAGER", "kpi:sales")).toBe(false);
  });

  it.each(["NOT_A_ROLE", "crm_manager", "", " CRM_MANAGER", "ADMIN", "__proto__", "constructor", undefined, null, 0, {}, ["CRM_MANAGER"]])(
    "denies every action to the unknown role %j",
    (role) => {
      expect(isRole(role)).toBe(false);
      for (const action of ACTIONS) expect(can(role, action)).toBe(false);
    },
  );

  it("denies unknown actions to every role", () => {
    for (const role of ROLES) expect(can(role, "kpi:everything" as Action)).toBe(false);
  });

  it("marks only reps and agents as staff", () => {
    expect(ROLES.filter(isStaff)).toEqual(["SALES_REP", "SUPPORT_AGENT"]);
  });
});
