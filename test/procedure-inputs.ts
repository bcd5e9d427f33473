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

  // workflows. Mutations are repeatable with the same ids (each allowed role calls them in turn): moving a deal
  // to the stage it is in, converting a converted lead, resolving a resolved ticket change nothing and succeed.
  // The fixture's rep owns every deal and lead, its agent is assigned every ticket.
  "pipeline.getBoard": (org) => ({ ownerId: org.users.SALES_REP.userId }),
  "pipeline.getStageDeals": (org) => ({ stageId: org.stageIds[0], offset: 0 }),
  "pipeline.moveDeal": (org) => ({ dealId: org.dealIds[1], toStageId: org.stageIds[2] }),
  "pipeline.listLeads": () => ({ status: "NEW" }),
  "pipeline.setLeadStatus": (org) => ({ leadId: org.leadIds[1], status: "CONTACTED" }),
  "pipeline.convertLead": (org) => ({ leadId: org.leadIds[0], amount: 1500 }),
  "tickets.list": () => ({ view: "all" }),
  "tickets.respond": (org) => ({ ticketId: org.ticketIds[1] }),
  "tickets.logContact": (org) => ({ ticketId: org.ticketIds[1] }),
  "tickets.resolve": (org) => ({ ticketId: org.ticketIds[0] }),
  "tickets.reopen": (org) => ({ ticketId: org.ticketIds[2] }),
  "surveys.list": () => undefined,
  "surveys.create": (_org, uniq) => ({ type: "CSAT", name: `Sweep CSAT ${uniq}` }),
  "surveys.setActive": (org) => ({ surveyId: org.surveyIds[0], active: true }),
  "surveys.createLink": (org) => ({ surveyId: org.surveyIds[0], ticketId: org.ticketIds[0] }),
  "surveys.listLinkTargets": () => ({ q: "" }),
  "dataQuality.getOverview": () => undefined,
  "dataQuality.mergeAccounts": (org) => ({ survivorId: org.accountIds[0], duplicateIds: [org.accountIds[2]] }),
  "dataQuality.mergeContacts": (org) => ({ survivorId: org.contactIds[0], duplicateIds: [org.contactIds[2]] }),
};

/** The entry as a list of cases. */
export function casesOf(entry: ProcedureEntry): ProcedureCase[] {
  if (typeof entry === "function") return [{ label: "valid input", input: entry }];
  return Array.isArray(entry) ? entry : [entry];
}
