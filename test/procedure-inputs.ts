// One entry per tRPC procedure: how to build a VALID input for it from organization Alpha's fixture
// ids. The access sweep (test/access-sweep.test.ts) fails when a procedure has no entry here, so
// every new procedure must be added. An entry is either an input builder (the procedure's access is
// its meta.permission) or one or more cases, for procedures that check access per input (the KPIs:
// the family of the requested KPI decides). A procedure without input maps to `() => undefined`.
import type { Action, Role } from "@/server/auth/permissions";
import type { OrgFixture } from "./fixtures";

/** `uniq` is different on every call, for inputs that must not collide (emails, names). */
export type InputBuilder = (org: OrgFixture, uniq: string) => unknown;

export type ProcedureCase = {
  label: string;
  input: InputBuilder;
  /** the permission this input needs, when the procedure checks access per input (no meta.permission) */
  permission?: Action;
  /** exactly the roles that may call it with this input, when the permission table alone does not say */
  allowedRoles?: Role[];
  /** any active member of the organization may call it (no permission needed, membership is) */
  anyMember?: boolean;
};

export type ProcedureEntry = InputBuilder | ProcedureCase | ProcedureCase[];

const thisYear = { preset: "this_year" } as const;

export const PROCEDURE_INPUTS: Record<string, ProcedureEntry> = {
  "auth.signUp": (_org, uniq) => ({ name: "Sweep Signer", email: `signup-${uniq}@sweep.test`, password: "sweep-password-1", organizationName: `Sweep Org ${uniq}` }),
  "me.get": () => undefined,
  "home.getSummary": () => undefined,
  "org.listMembers": () => undefined,
  "org.listTeams": () => undefined,
  "org.addMember": (org, uniq) => ({ email: `added-${uniq}@sweep.test`, name: "Sweep Added", role: "SALES_REP", teamId: org.teamId, password: "sweep-password-1" }),
  "org.updateMember": (org) => ({ membershipId: org.users.SALES_REP.membershipId, role: "SALES_REP", teamId: org.teamId }),
  "org.createTeam": (_org, uniq) => ({ name: `Sweep Team ${uniq}` }),

  "kpi.list": { label: "definitions", input: () => undefined, anyMember: true },
  "kpi.get": [
    { label: "customer KPI", permission: "kpi:customer", input: (org) => ({ kpiId: "active_customers", period: thisYear, filters: { ownerId: org.users.SALES_REP.userId } }) },
    { label: "adoption KPI", permission: "kpi:adoption", input: () => ({ kpiId: "logins", period: thisYear }) },
    {
      label: "sales KPI, a rep's own numbers",
      allowedRoles: ["CRM_MANAGER", "SALES_MANAGER", "SALES_REP"],
      input: (org) => ({ kpiId: "leads_created", period: thisYear, grain: "month", filters: { ownerId: org.users.SALES_REP.userId } }),
    },
  ],
  "kpi.getMany": [
    { label: "customer KPIs", permission: "kpi:customer", input: () => ({ kpiIds: ["active_customers", "churn_rate"], period: thisYear }) },
    { label: "sales + support KPIs", allowedRoles: ["CRM_MANAGER"], input: () => ({ kpiIds: ["leads_created", "ticket_backlog"], period: thisYear, series: false }) },
  ],
  "kpi.drillDown": [
    { label: "customer KPI", permission: "kpi:customer", input: (org) => ({ kpiId: "active_customers", period: thisYear, filters: { ownerId: org.users.SALES_REP.userId } }) },
    {
      label: "sales KPI, a rep's own leads",
      allowedRoles: ["CRM_MANAGER", "SALES_MANAGER", "SALES_REP"],
      input: (org) => ({ kpiId: "leads_created", period: thisYear, filters: { ownerId: org.users.SALES_REP.userId }, pageSize: 10 }),
    },
  ],
  "kpi.getPipeline": (org) => ({ filters: { ownerId: org.users.SALES_REP.userId, teamId: org.teamId } }),
  "kpi.getCampaigns": () => ({ period: thisYear }),
  "kpi.getFilterOptions": { label: "owners and teams", input: () => ({ roles: ["SALES_REP", "SALES_MANAGER"] }), anyMember: true },
  "work.getMyQueue": () => undefined,
  "kpi.getLeadConversionBy": () => ({ period: thisYear, by: "campaign" }),
  "import.listJobs": () => undefined,
  "import.getJob": [
    { label: "a deal import", input: (org) => ({ jobId: org.importJobs.deal }), allowedRoles: ["CRM_MANAGER", "SALES_MANAGER"] },
    { label: "a ticket import", input: (org) => ({ jobId: org.importJobs.ticket }), allowedRoles: ["CRM_MANAGER", "SUPPORT_MANAGER"] },
  ],
  "import.updateMapping": {
    label: "a deal import",
    input: (org) => ({ jobId: org.importJobs.deal, mapping: { "0": "name", "1": "amount", "2": "stage" }, duplicateMode: "skip", dateFormat: "iso" }),
    allowedRoles: ["CRM_MANAGER", "SALES_MANAGER"],
  },
  "import.validate": { label: "a deal import", input: (org) => ({ jobId: org.importJobs.deal }), allowedRoles: ["CRM_MANAGER", "SALES_MANAGER"] },
  // the commit itself is tested in test/import.test.ts; here a job already done (committing it again does nothing)
  "import.commit": { label: "a deal import already done", input: (org) => ({ jobId: org.importJobs.dealDone }), allowedRoles: ["CRM_MANAGER", "SALES_MANAGER"] },
  "import.cancel": { label: "a ticket import", input: (org) => ({ jobId: org.importJobs.ticket }), allowedRoles: ["CRM_MANAGER", "SUPPORT_MANAGER"] },
  "kpi.getNpsDistribution": (org) => ({ period: thisYear, filters: { ownerId: org.users.SUPPORT_AGENT.userId } }),
};

/** The entry as a list of cases. */
export function casesOf(entry: ProcedureEntry): ProcedureCase[] {
  if (typeof entry === "function") return [{ label: "valid input", input: entry }];
  return Array.isArray(entry) ? entry : [entry];
}
