// The one permission table: role -> allowed actions. Used by the tRPC procedure builders (server)
// and by the UI to hide what a role cannot use. Pure module: safe to import on the client.

export const ROLES = ["CRM_MANAGER", "SALES_MANAGER", "SUPPORT_MANAGER", "SALES_REP", "SUPPORT_AGENT"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  CRM_MANAGER: "CRM manager",
  SALES_MANAGER: "Sales & marketing manager",
  SUPPORT_MANAGER: "Customer support manager",
  SALES_REP: "Sales rep",
  SUPPORT_AGENT: "Support agent",
};

export const ACTIONS = [
  "home:read", // the role's home page
  "org:manageUsers", // add users, set roles, teams
  "kpi:sales", // sales & marketing KPI family
  "kpi:customer", // customer KPIs (retention, churn, CLV ...)
  "kpi:support", // support & satisfaction KPIs
  "kpi:adoption", // CRM adoption and data quality
  "kpi:personal", // a staff member's own numbers
  "records:sales", // accounts, contacts, leads, deals, campaigns, costs, purchases
  "records:support", // tickets, surveys
  "surveys:manage", // create NPS / CSAT / CES surveys and their public and per-recipient links
  "dataQuality:manage", // completeness and duplicates view, merging duplicate accounts/contacts
  "records:import", // CSV import of the record types of the role's records:* families (managers only)
  "audit:read",
  "goals:read", // goals that concern the caller (all goals for the CRM manager)
  "goals:manage", // create, edit, archive and review goals on KPIs the role may read
  "automation:manage", // sales automation rules: create, edit, switch on/off, delete, test, run log
  "sales:configure", // pipeline stage settings and the lead-scoring model
] as const;
export type Action = (typeof ACTIONS)[number];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  CRM_MANAGER: ACTIONS,
  SALES_MANAGER: ["home:read", "kpi:sales", "kpi:customer", "kpi:personal", "records:sales", "records:import", "goals:read", "goals:manage", "automation:manage", "sales:configure"],
  // surveys feed the support & satisfaction KPIs, which the support manager owns (the sales manager does not
  // see those KPIs, so does not run surveys); the CRM manager may do everything
  SUPPORT_MANAGER: ["home:read", "kpi:support", "kpi:customer", "kpi:personal", "records:support", "records:import", "surveys:manage", "goals:read", "goals:manage"],
  SALES_REP: ["home:read", "kpi:personal", "records:sales", "goals:read"],
  SUPPORT_AGENT: ["home:read", "kpi:personal", "records:support", "goals:read"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when the role may perform the action. An unknown or missing role may do nothing. */
export function can(role: unknown, action: Action): boolean {
  if (!isRole(role)) return false;
  return PERMISSIONS[role].includes(action);
}

/** Staff see only their own records; managers see their family's; the CRM manager sees all. */
export function isStaff(role: Role): boolean {
  return role === "SALES_REP" || role === "SUPPORT_AGENT";
}
