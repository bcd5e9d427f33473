// One entry per tRPC procedure: how to build a VALID input for it from organization Alpha's fixture
// ids. The access sweep (test/access-sweep.test.ts) fails when a procedure has no entry here, so
// every new procedure must be added. An entry is either an input builder (the procedure's access is
// its meta.permission) or one or more cases, for procedures that check access per input (the KPIs:
// the family of the requested KPI decides). A procedure without input maps to `() => undefined`.
import type { Action, Role } from "@/server/auth/permissions";
import { PASSWORD, type OrgFixture } from "./fixtures";

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
const sweepRule = {
  entity: "DEAL", trigger: "CREATED", conditions: [{ field: "value", op: "gt", value: 500 }],
  actions: [{ type: "createTask", activityType: "CALL", subject: "Sweep call within 24 h", dueInHours: 24 }],
} as const;

export const PROCEDURE_INPUTS: Record<string, ProcedureEntry> = {
  "auth.signUp": (_org, uniq) => ({ name: "Sweep Signer", email: `signup-${uniq}@sweep.test`, password: "sweep-password-1", organizationName: `Sweep Org ${uniq}` }),
  "me.get": () => undefined,
  // the caller's own account: any member; "changing" the password to the same one keeps the fixture logins working
  "me.signOutEverywhere": { label: "own sessions", input: () => undefined, anyMember: true },
  "me.changePassword": { label: "own password", input: () => ({ currentPassword: PASSWORD, newPassword: PASSWORD }), anyMember: true },
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

  // Records: one set of procedures, the type is an input; each type's family decides who may call it and
  // the role's scope which rows (every record below is owned by Alpha's rep / assigned to Alpha's agent).
  "records.list": [
    { label: "accounts, searched", permission: "records:sales", input: () => ({ type: "accounts", q: "Account", sort: "name", dir: "asc" }) },
    { label: "deals filtered by owner and status", permission: "records:sales", input: (org) => ({ type: "deals", filters: { ownerId: org.users.SALES_REP.userId, status: "OPEN" }, pageSize: 10 }) },
    { label: "tickets", permission: "records:support", input: (org) => ({ type: "tickets", filters: { assigneeId: org.users.SUPPORT_AGENT.userId } }) },
    { label: "activities (both families)", allowedRoles: ["CRM_MANAGER", "SALES_MANAGER", "SUPPORT_MANAGER", "SALES_REP", "SUPPORT_AGENT"], input: () => ({ type: "activities" }) },
    { label: "campaigns (no owner: managers)", allowedRoles: ["CRM_MANAGER", "SALES_MANAGER"], input: () => ({ type: "campaigns" }) },
  ],
  "records.get": [
    { label: "a deal by id", permission: "records:sales", input: (org) => ({ type: "deals", id: org.dealIds[0] }) },
    { label: "a ticket by id", permission: "records:support", input: (org) => ({ type: "tickets", id: org.ticketIds[0] }) },
  ],
  "records.options": { label: "accounts for a deal", permission: "records:sales", input: () => ({ type: "deals", field: "accountId", q: "Account" }) },
  "records.create": [
    { label: "an account", permission: "records:sales", input: (_org, uniq) => ({ type: "accounts", data: { name: `Sweep account ${uniq}`, status: "PROSPECT" } }) },
    { label: "a deal on Alpha's account", permission: "records:sales", input: (org, uniq) => ({ type: "deals", data: { name: `Sweep deal ${uniq}`, amount: "1500", accountId: org.accountIds[0] } }) },
    { label: "a ticket on Alpha's account", permission: "records:support", input: (org, uniq) => ({ type: "tickets", data: { subject: `Sweep ticket ${uniq}`, channel: "EMAIL", accountId: org.accountIds[0] } }) },
  ],
  "records.update": [
    { label: "a deal", permission: "records:sales", input: (org, uniq) => ({ type: "deals", id: org.dealIds[0], data: { product: `Swept ${uniq}` } }) },
    { label: "a ticket", permission: "records:support", input: (org) => ({ type: "tickets", id: org.ticketIds[0], data: { priority: "HIGH" } }) },
  ],
  // delete then restore (wired in that order) the same rows, so the sweep leaves them live
  "records.delete": [
    { label: "a deal", permission: "records:sales", input: (org) => ({ type: "deals", id: org.dealIds[1] }) },
    { label: "a ticket", permission: "records:support", input: (org) => ({ type: "tickets", id: org.ticketIds[1] }) },
  ],
  "records.restore": [
    { label: "a deal", allowedRoles: ["CRM_MANAGER", "SALES_MANAGER"], input: (org) => ({ type: "deals", id: org.dealIds[1] }) },
    { label: "a ticket", allowedRoles: ["CRM_MANAGER", "SUPPORT_MANAGER"], input: (org) => ({ type: "tickets", id: org.ticketIds[1] }) },
  ],
  "audit.list": (org) => ({ actorId: org.users.SALES_REP.userId, entityType: "Deal", from: "2020-01-01", page: 1, pageSize: 20 }),
  // workflows. Mutations are repeatable with the same ids (each allowed role calls them in turn): moving a deal
  // to the stage it is in, converting a converted lead, resolving a resolved ticket change nothing and succeed.
  // The fixture's rep owns every deal and lead, its agent is assigned every ticket.
  "pipeline.getBoard": (org) => ({ ownerId: org.users.SALES_REP.userId }),
  "pipeline.getStageDeals": (org) => ({ stageId: org.stageIds[0], offset: 0 }),
  "pipeline.moveDeal": (org) => ({ dealId: org.dealIds[1], toStageId: org.stageIds[2] }),
  "pipeline.listLeads": () => ({ status: "NEW" }),
  "pipeline.setLeadStatus": (org) => ({ leadId: org.leadIds[1], status: "CONTACTED" }),
  "pipeline.convertLead": (org) => ({ leadId: org.leadIds[0], amount: 1500 }),
  // selling: the report is read by every sales role (staff: their own deals); stages and scoring need sales:configure.
  // Repeatable: the probability set is the stage's own, moving the first open stage up does nothing, a removed
  // stage is reported as removed (Proposal holds no fixture deal), setting the same weight twice changes nothing.
  "pipeline.getReport": (org) => ({ period: thisYear, ownerId: org.users.SALES_REP.userId }),
  "pipeline.listStageDeals": (org) => ({ stageId: org.stageIds[0], withoutFollowUp: false }),
  "pipeline.listStages": () => undefined,
  "pipeline.createStage": (_org, uniq) => ({ name: `Sweep stage ${uniq}`, probability: 30 }),
  "pipeline.updateStage": (org) => ({ stageId: org.stageIds[0], probability: 10 }),
  "pipeline.moveStage": (org) => ({ stageId: org.stageIds[0], direction: "up" }),
  "pipeline.deleteStage": (org) => ({ stageId: org.stageIds[3] }),
  "scoring.listWeights": () => undefined,
  "scoring.setWeight": () => ({ attribute: "websiteVisits", value: "", points: 2, maxPoints: 20 }),
  "scoring.removeWeight": () => ({ attribute: "industry", value: "software" }),
  "scoring.getBands": (org) => ({ period: thisYear, ownerId: org.users.SALES_REP.userId }),
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
  "automation.listRules": () => undefined,
  "automation.getFormOptions": () => undefined,
  "automation.createRule": (_org, uniq) => ({ name: `Sweep rule ${uniq}`, ...sweepRule }),
  "automation.updateRule": (org, uniq) => ({ ruleId: org.automationRuleIds[0], rule: { name: `Sweep rule ${uniq}`, ...sweepRule } }),
  "automation.setRuleActive": (org) => ({ ruleId: org.automationRuleIds[0], active: false }),
  // refers to the organization's own rep: Beta's manager with Alpha's rep id is refused (no such member)
  "automation.testRule": (org) => ({ ...sweepRule, name: "Sweep dry run", conditions: [{ field: "owner", op: "is", value: org.users.SALES_REP.userId }] }),
  "automation.listRuns": (org) => ({ ruleId: org.automationRuleIds[0] }),
  "automation.createExampleRules": () => ({ active: false }),
  "automation.deleteRule": (org) => ({ ruleId: org.automationRuleIds[1] }),
  "notifications.list": () => undefined,
  "notifications.countUnread": () => undefined,
  "notifications.markAllRead": () => undefined,
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
