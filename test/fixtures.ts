// Test data built directly with the Prisma client (independent of the demo generator): two
// organizations, "Alpha" and "Beta", each with one user per role, a team, pipeline stages and a few
// accounts, contacts, leads, deals, activities and tickets. Alpha's names contain ALPHA_SECRET so a
// leak into another organization's results is easy to spot.
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/generated/prisma/client";
import { createCaller } from "@/server/api/root";
import { createContext, type Caller } from "@/server/api/trpc";
import { hashPassword } from "@/server/auth/password";
import { ROLES, type Role } from "@/server/auth/permissions";
import { DEFAULT_PIPELINE_STAGES } from "@/server/org/defaults";

export const PASSWORD = "fixture-password-1";
export const ALPHA_SECRET = "ALPHA-SECRET";

let hashed: Promise<string> | null = null;
/** argon2id is slow on purpose: hash the fixture password once per test file. */
export function fixturePasswordHash(): Promise<string> {
  return (hashed ??= hashPassword(PASSWORD));
}

export type OrgFixture = {
  key: "alpha" | "beta";
  organizationId: string;
  name: string;
  teamId: string;
  /** userId and membershipId per role */
  users: Record<Role, { userId: string; membershipId: string; email: string; name: string }>;
  stageIds: string[];
  wonStageId: string;
  accountIds: string[];
  contactIds: string[];
  leadIds: string[];
  dealIds: string[];
  activityIds: string[];
  ticketIds: string[];
  surveyIds: string[];
  /** [0]: a team goal on churn (with one check-in), [1]: a second goal (archived by the sweep) */
  goalIds: string[];
  /** a campaign marked nurture (the example rules put leads in it) */
  nurtureCampaignId: string;
  /** automation rules, both switched off: [0] deal created above 500 -> call task (with one run), [1] deleted by the sweep */
  automationRuleIds: string[];
  /** CSV imports: a deal file waiting for validation, a deal import already done, a ticket file */
  importJobs: { deal: string; dealDone: string; ticket: string };
  /** every id created for this organization (for leak checks) */
  allIds: string[];
  /** distinctive strings of this organization (for leak checks) */
  secrets: string[];
};

export type Fixtures = { alpha: OrgFixture; beta: OrgFixture; run: string };

const ROLE_SLUG: Record<Role, string> = {
  CRM_MANAGER: "crm",
  SALES_MANAGER: "sales",
  SUPPORT_MANAGER: "support",
  SALES_REP: "rep",
  SUPPORT_AGENT: "agent",
};

async function createOrg(db: PrismaClient, key: "alpha" | "beta", run: string): Promise<OrgFixture> {
  const passwordHash = await fixturePasswordHash();
  const label = key === "alpha" ? ALPHA_SECRET : "Beta";
  const name = key === "alpha" ? `Alpha ${ALPHA_SECRET} Corp` : "Beta Corp";
  const org = await db.organization.create({ data: { name, slug: `${key}-${run}` }, select: { id: true } });
  const organizationId = org.id;
  const team = await db.team.create({ data: { organizationId, name: `${label} Team` }, select: { id: true } });

  const users = {} as OrgFixture["users"];
  for (const role of ROLES) {
    const email = `${ROLE_SLUG[role]}-${run}@${key}.test`;
    const uname = `${label} ${role} user`;
    const u = await db.user.create({ data: { email, name: uname, passwordHash }, select: { id: true } });
    const m = await db.membership.create({
      data: { organizationId, userId: u.id, role, teamId: role === "CRM_MANAGER" ? null : team.id },
      select: { id: true },
    });
    users[role] = { userId: u.id, membershipId: m.id, email, name: uname };
  }

  await db.pipelineStage.createMany({ data: DEFAULT_PIPELINE_STAGES.map((s) => ({ ...s, organizationId })) });
  const stages = await db.pipelineStage.findMany({ where: { organizationId }, orderBy: { position: "asc" }, select: { id: true, kind: true } });
  const stageIds = stages.map((s) => s.id);
  const wonStageId = stages.find((s) => s.kind === "WON")!.id;

  const rep = users.SALES_REP.userId;
  const agent = users.SUPPORT_AGENT.userId;
  const now = new Date();
  const accountIds: string[] = [];
  const contactIds: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const a = await db.account.create({
      data: { organizationId, name: `${label} Account ${i}`, status: i === 3 ? "PROSPECT" : "ACTIVE", startDate: now, ownerId: rep },
      select: { id: true },
    });
    accountIds.push(a.id);
    const c = await db.contact.create({
      data: { organizationId, accountId: a.id, firstName: label, lastName: `Contact ${i}`, email: `contact${i}-${run}@${key}-customer.test`, ownerId: rep },
      select: { id: true },
    });
    contactIds.push(c.id);
  }
  const leadIds: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const l = await db.lead.create({
      data: { organizationId, firstName: label, lastName: `Lead ${i}`, company: `${label} Prospect ${i}`, source: "web", ownerId: rep, status: i === 3 ? "CONVERTED" : "NEW", convertedAt: i === 3 ? now : null },
      select: { id: true },
    });
    leadIds.push(l.id);
  }
  const dealIds: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const won = i === 3;
    const d = await db.deal.create({
      data: {
        organizationId, name: `${label} Deal ${i}`, accountId: accountIds[i - 1], leadId: leadIds[i - 1], ownerId: rep,
        stageId: won ? wonStageId : stageIds[i - 1]!, status: won ? "WON" : "OPEN", amount: 1000 * i, closedAt: won ? now : null,
      },
      select: { id: true },
    });
    dealIds.push(d.id);
  }
  const activityIds: string[] = [];
  for (let i = 1; i <= 2; i++) {
    const a = await db.activity.create({
      data: { organizationId, type: "TASK", subject: `${label} Task ${i}`, ownerId: i === 1 ? rep : agent, dealId: dealIds[0]!, dueAt: now },
      select: { id: true },
    });
    activityIds.push(a.id);
  }
  const ticketIds: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const t = await db.ticket.create({
      data: {
        organizationId, subject: `${label} Ticket ${i}`, accountId: accountIds[0], contactId: contactIds[0], assigneeId: agent, channel: "EMAIL",
        status: i === 3 ? "RESOLVED" : "OPEN", resolvedAt: i === 3 ? now : null,
      },
      select: { id: true },
    });
    ticketIds.push(t.id);
  }
  const survey = await db.survey.create({
    data: { organizationId, type: "NPS", name: `${label} NPS`, question: "How likely are you to recommend us?", publicToken: `${key}-${run}-nps` },
    select: { id: true },
  });
  await db.surveyResponse.create({ data: { organizationId, surveyId: survey.id, type: "NPS", score: 9, accountId: accountIds[0], ticketId: ticketIds[2] } });

  const goalIds: string[] = [];
  for (let i = 1; i <= 2; i++) {
    const g = await db.goal.create({
      data: {
        organizationId, kpiId: "churn_rate", title: `${label} Goal ${i}: reduce churn`, ownerTeamId: team.id, startDate: new Date(Date.UTC(now.getUTCFullYear(), 0, 1)),
        deadline: new Date(Date.UTC(now.getUTCFullYear(), 11, 31)), targetType: "RELATIVE", targetValue: -25, baselineValue: 4, baselineNote: `${label} board report`,
        actionPlan: `${label} plan`, whyItMatters: `${label} reason`, cadence: "QUARTERLY", createdById: users.CRM_MANAGER.userId,
      },
      select: { id: true },
    });
    goalIds.push(g.id);
  }
  const checkIn = await db.goalCheckIn.create({ data: { organizationId, goalId: goalIds[0]!, value: 3.5, status: "ON_TRACK", note: `${label} check-in`, createdById: users.CRM_MANAGER.userId }, select: { id: true } });

  const nurture = await db.campaign.create({ data: { organizationId, name: `${label} Nurture`, channel: "email", startDate: now, isNurture: true }, select: { id: true } });
  const automationRuleIds: string[] = [];
  for (let i = 1; i <= 2; i++) {
    const r = await db.automationRule.create({
      data: {
        organizationId, name: `${label} Rule ${i}`, entity: "DEAL", trigger: "CREATED", active: false, createdById: users.SALES_MANAGER.userId,
        conditions: [{ field: "value", op: "gt", value: 500 }], actions: [{ type: "createTask", activityType: "CALL", subject: `${label} call within 24 h`, dueInHours: 24 }],
      },
      select: { id: true },
    });
    automationRuleIds.push(r.id);
  }
  const ruleRun = await db.automationRun.create({
    data: { organizationId, ruleId: automationRuleIds[0]!, entity: "DEAL", recordId: dealIds[1]!, eventKey: `deal:${dealIds[1]}:created`, status: "DONE", results: [{ action: "createTask", outcome: "done", detail: `${label} task` }] },
    select: { id: true },
  });
  const notification = await db.notification.create({ data: { organizationId, userId: rep, message: `${label} deal needs a call`, entityType: "Deal", entityId: dealIds[1]! }, select: { id: true } });

  // import jobs with a real (tiny) uploaded file each
  const dir = path.join(tmpdir(), "sasaran-fixture-imports");
  mkdirSync(dir, { recursive: true });
  const importJob = async (type: string, status: "MAPPING" | "DONE", content: string, mapping: Record<string, string>) => {
    const filePath = path.join(dir, `${run}-${key}-${type}-${status}.csv`);
    writeFileSync(filePath, content);
    const headers = content.split("\n")[0]!.split(",");
    const j = await db.importJob.create({
      data: { organizationId, createdById: users.CRM_MANAGER.userId, type, status, fileName: `${label} ${type}.csv`, filePath, headers, mapping, sample: [], stats: {} },
      select: { id: true },
    });
    return j.id;
  };
  const dealCsv = `Name,Amount,Stage\n${label} Imported Deal,1,Prospecting\n`;
  const dealMapping = { "0": "name", "1": "amount", "2": "stage" };
  const importJobs = {
    deal: await importJob("deal", "MAPPING", dealCsv, dealMapping),
    dealDone: await importJob("deal", "DONE", dealCsv, dealMapping),
    ticket: await importJob("ticket", "MAPPING", `Subject,Channel\n${label} Imported Ticket,email\n`, { "0": "subject", "1": "channel" }),
  };

  const allIds = [
    organizationId, team.id, ...Object.values(users).flatMap((u) => [u.userId, u.membershipId]),
    ...stageIds, ...accountIds, ...contactIds, ...leadIds, ...dealIds, ...activityIds, ...ticketIds, survey.id, ...goalIds, checkIn.id, ...Object.values(importJobs),
    nurture.id, ...automationRuleIds, ruleRun.id, notification.id,
  ];
  return {
    key, organizationId, name, teamId: team.id, users, stageIds, wonStageId, accountIds, contactIds, leadIds, dealIds, activityIds, ticketIds,
    surveyIds: [survey.id], goalIds, nurtureCampaignId: nurture.id, automationRuleIds, importJobs, allIds, secrets: [label, ...Object.values(users).map((u) => u.email)],
  };
}

/** Creates Alpha and Beta in the given database. `run` keeps emails/slugs unique if called twice. */
export async function createFixtures(db: PrismaClient, run = Math.random().toString(36).slice(2, 8)): Promise<Fixtures> {
  const alpha = await createOrg(db, "alpha", run);
  const beta = await createOrg(db, "beta", run);
  return { alpha, beta, run };
}

/** A tRPC caller acting as the given user in the given organization (null = anonymous). */
export function callerFor(db: PrismaClient, who: Caller) {
  return createCaller(() => createContext(who, async () => db)); // a context per call, as one per HTTP request
}

/** The caller for a role of an organization fixture. */
export function callerAs(db: PrismaClient, org: OrgFixture, role: Role) {
  return callerFor(db, { userId: org.users[role].userId, organizationId: org.organizationId });
}

/**
 * A stable digest of everything an organization owns (rows of every tenant table plus its users),
 * excluding nothing: compare before/after a foreign call to prove the call changed nothing.
 */
export async function fingerprint(db: PrismaClient, organizationId: string): Promise<string> {
  const where = { organizationId };
  const byId = { orderBy: { id: "asc" as const } };
  const memberships = await db.membership.findMany({ where, ...byId });
  const parts = await Promise.all([
    db.organization.findUnique({ where: { id: organizationId } }),
    memberships,
    db.user.findMany({ where: { id: { in: memberships.map((m) => m.userId) } }, ...byId }),
    db.team.findMany({ where, ...byId }),
    db.auditLog.findMany({ where, ...byId }),
    db.pipelineStage.findMany({ where, ...byId }),
    db.leadScoreWeight.findMany({ where, ...byId }),
    db.account.findMany({ where, ...byId }),
    db.contact.findMany({ where, ...byId }),
    db.lead.findMany({ where, ...byId }),
    db.deal.findMany({ where, ...byId }),
    db.dealStageChange.findMany({ where, ...byId }),
    db.activity.findMany({ where, ...byId }),
    db.campaign.findMany({ where, ...byId }),
    db.cost.findMany({ where, ...byId }),
    db.purchase.findMany({ where, ...byId }),
    db.ticket.findMany({ where, ...byId }),
    db.survey.findMany({ where, ...byId }),
    db.surveyResponse.findMany({ where, ...byId }),
    db.surveyLink.findMany({ where, ...byId }),
    db.goal.findMany({ where, ...byId }),
    db.goalCheckIn.findMany({ where, ...byId }),
    db.automationRule.findMany({ where, ...byId }),
    db.automationRun.findMany({ where, ...byId }),
    db.campaignMember.findMany({ where, ...byId }),
    db.notification.findMany({ where, ...byId }),
  ]);
  return JSON.stringify(parts, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}
