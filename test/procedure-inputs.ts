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
  "kpi.getNpsDistribution": (org) => ({ period: thisYear, filters: { ownerId: org.users.SUPPORT_AGENT.userId } }),

  "goals.list": () => ({ includeArchived: true }),
  "goals.listAtRisk": () => undefined,
  "goals.get": (org) => ({ goalId: org.goalIds[0] }),
  "goals.getFormOptions": () => undefined,
  "goals.preview": (org) => ({ ...sweepGoal(org), title: "" }),
  "goals.create": (org, uniq) => ({ ...sweepGoal(org), title: `Sweep goal ${uniq}`, ownerTeamId: org.teamId }),
  "goals.update": (org, uniq) => ({ ...sweepGoal(org), goalId: org.goalIds[0], title: `Sweep goal ${uniq}`, ownerTeamId: org.teamId, baselineValue: 4, baselineNote: "board report" }),
  "goals.archive": (org) => ({ goalId: org.goalIds[1], archived: true }),
  "goals.checkIn": (org, uniq) => ({ goalId: org.goalIds[0], note: `Sweep check-in ${uniq}`, isReview: true }),
};

/** A goal every manager may set: a customer KPI (all managers read it), scoped to the fixture team's accounts. */
function sweepGoal(org: OrgFixture) {
  const year = new Date().getUTCFullYear();
  return {
    kpiId: "churn_rate", filters: { teamId: org.teamId }, startDate: new Date(Date.UTC(year, 0, 1)), deadline: new Date(Date.UTC(year, 11, 31)),
    targetType: "ABSOLUTE" as const, targetValue: 2, actionPlan: "Call every account before renewal", whyItMatters: "Churn costs us revenue", cadence: "QUARTERLY" as const,
  };
}

/** The entry as a list of cases. */
export function casesOf(entry: ProcedureEntry): ProcedureCase[] {
  if (typeof entry === "function") return [{ label: "valid input", input: entry }];
  return Array.isArray(entry) ? entry : [entry];
}
