// Managing automation rules (CRM manager, sales manager): list, create, edit, switch on/off, delete, the run log,
// the dry run over existing records, and the one-click template of the two example rules. Every change is audited.
import { NotFoundError, UserError } from "@/server/errors";
import { audit, type Actor } from "@/server/pipeline/access";
import { runActions, type ActionResult } from "./actions";
import { countMatches, findMatches, type RawDb } from "./match";
import { exampleRules, type RuleInput } from "./rule-input";

const RULE_SELECT = { id: true, name: true, entity: true, trigger: true, idleDays: true, conditions: true, actions: true, active: true, createdAt: true, updatedAt: true } as const;

export async function listRules(a: Actor) {
  const [rules, runs] = await Promise.all([
    a.db.automationRule.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: RULE_SELECT }),
    a.db.automationRun.groupBy({ by: ["ruleId"], _count: { _all: true }, _max: { createdAt: true } }),
  ]);
  const byRule = new Map(runs.map((r) => [r.ruleId, r]));
  return rules.map((r) => ({
    ...r,
    conditions: r.conditions as RuleInput["conditions"],
    actions: r.actions as RuleInput["actions"],
    runCount: byRule.get(r.id)?._count._all ?? 0,
    lastRunAt: byRule.get(r.id)?._max.createdAt ?? null,
  }));
}

/** Everything the rule form offers: stages, people, teams, campaigns (nurture first) and lead sources in use. */
export async function getFormOptions(a: Actor) {
  const [stages, members, teams, campaigns, sources] = await Promise.all([
    a.db.pipelineStage.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true } }),
    a.db.membership.findMany({ where: { active: true }, select: { userId: true, role: true, user: { select: { name: true } } }, orderBy: { user: { name: "asc" } } }),
    a.db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    a.db.campaign.findMany({ where: { deletedAt: null }, orderBy: [{ isNurture: "desc" }, { startDate: "desc" }], select: { id: true, name: true, isNurture: true }, take: 200 }),
    a.db.lead.groupBy({ by: ["source"], where: { deletedAt: null }, _count: { _all: true }, orderBy: { _count: { source: "desc" } }, take: 50 }),
  ]);
  return {
    stages,
    users: members.map((m) => ({ id: m.userId, name: m.user.name, role: m.role })),
    teams,
    campaigns,
    sources: sources.map((s) => s.source),
  };
}

/** The ids a rule refers to must exist in the organization: a clear message naming the field otherwise. */
async function checkReferences(a: Actor, input: RuleInput) {
  const problems: string[] = [];
  const isMember = async (userId: string) => !!(await a.db.membership.findFirst({ where: { userId, active: true }, select: { id: true } }));
  for (const [i, c] of input.conditions.entries()) {
    if (c.field === "stage" && input.entity === "DEAL" && !(await a.db.pipelineStage.findFirst({ where: { id: c.value }, select: { id: true } }))) {
      problems.push(`conditions.${i}.value: no such stage in this organization's pipeline.`);
    }
    if (c.field === "owner" && c.value !== "none" && !(await isMember(c.value))) problems.push(`conditions.${i}.value: no such member in this organization.`);
  }
  for (const [i, x] of input.actions.entries()) {
    if (x.type === "assignUser" && !(await isMember(x.userId))) problems.push(`actions.${i}.userId: no such member in this organization.`);
    if (x.type === "notify" && x.to !== "owner" && !(await isMember(x.to))) problems.push(`actions.${i}.to: no such member in this organization.`);
    if (x.type === "assignRoundRobin" && !(await a.db.team.findFirst({ where: { id: x.teamId }, select: { id: true } }))) problems.push(`actions.${i}.teamId: no such team in this organization.`);
    if (x.type === "addToCampaign" && !(await a.db.campaign.findFirst({ where: { id: x.campaignId, deletedAt: null }, select: { id: true } }))) {
      problems.push(`actions.${i}.campaignId: no such campaign in this organization.`);
    }
  }
  if (problems.length) throw new UserError(problems.join("; "));
}

const columns = (input: RuleInput) => ({
  name: input.name,
  entity: input.entity,
  trigger: input.trigger,
  idleDays: input.trigger === "IDLE" ? (input.idleDays ?? null) : null,
  conditions: input.conditions,
  actions: input.actions,
});

/** A new rule starts switched off: test it against existing records, then switch it on. */
export async function createRule(a: Actor, input: RuleInput & { active?: boolean }) {
  await checkReferences(a, input);
  return a.db.$transaction(async (tx) => {
    const data = { ...columns(input), active: input.active ?? false };
    const rule = await tx.automationRule.create({ data: { organizationId: a.organizationId, createdById: a.userId, ...data }, select: { id: true } });
    await audit(tx, { actorId: a.userId, action: "create", entityType: "AutomationRule", entityId: rule.id, changes: data });
    return { ruleId: rule.id };
  });
}

async function findRule(tx: Actor["db"], ruleId: string) {
  const rule = await tx.automationRule.findFirst({ where: { id: ruleId }, select: RULE_SELECT });
  if (!rule) throw new NotFoundError("ruleId: no such automation rule in this organization.");
  return rule;
}

/** JSON with sorted keys: jsonb stores object keys in its own order, so a plain stringify would see changes that are not there. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
}

export async function updateRule(a: Actor, input: RuleInput & { ruleId: string }) {
  await checkReferences(a, input);
  return a.db.$transaction(async (t) => {
    const tx = t as Actor["db"];
    const before = await findRule(tx, input.ruleId);
    const after = columns(input);
    const changes = Object.fromEntries(
      Object.entries(after)
        .filter(([k, v]) => canonical(before[k as keyof typeof before] ?? null) !== canonical(v ?? null))
        .map(([k, v]) => [k, { from: before[k as keyof typeof before] ?? null, to: v }]),
    );
    if (Object.keys(changes).length === 0) return { ruleId: before.id, changed: false };
    await tx.automationRule.update({ where: { id: before.id }, data: after });
    await audit(tx, { actorId: a.userId, action: "update", entityType: "AutomationRule", entityId: before.id, changes });
    return { ruleId: before.id, changed: true };
  });
}

export async function setRuleActive(a: Actor, input: { ruleId: string; active: boolean }) {
  return a.db.$transaction(async (t) => {
    const tx = t as Actor["db"];
    const rule = await findRule(tx, input.ruleId);
    if (rule.active === input.active) return { ruleId: rule.id, active: rule.active, changed: false };
    await tx.automationRule.update({ where: { id: rule.id }, data: { active: input.active } });
    await audit(tx, { actorId: a.userId, action: "update", entityType: "AutomationRule", entityId: rule.id, changes: { active: { from: rule.active, to: input.active } } });
    return { ruleId: rule.id, active: input.active, changed: true };
  });
}

/**
 * Deletes the rule and its run log; what it already did (tasks, assignments, memberships) stays, and the audit log
 * keeps its definition. Deleting a rule that is already gone is a no-op (a double click, two managers at once).
 */
export async function deleteRule(a: Actor, input: { ruleId: string }) {
  return a.db.$transaction(async (t) => {
    const tx = t as Actor["db"];
    const rule = await tx.automationRule.findFirst({ where: { id: input.ruleId }, select: RULE_SELECT });
    if (!rule) return { deleted: false };
    await tx.automationRule.deleteMany({ where: { id: rule.id } });
    const { id: _id, createdAt: _c, updatedAt: _u, ...definition } = rule;
    await audit(tx, { actorId: a.userId, action: "delete", entityType: "AutomationRule", entityId: rule.id, changes: definition });
    return { deleted: true };
  });
}

const RUNS_PAGE = 50;

/** A rule's run log, newest first, with the record's name when it still exists. */
export async function listRuns(a: Actor, input: { ruleId: string }) {
  const rule = await findRule(a.db, input.ruleId);
  const runs = await a.db.automationRun.findMany({
    where: { ruleId: rule.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: RUNS_PAGE,
    select: { id: true, entity: true, recordId: true, eventKey: true, status: true, results: true, error: true, createdAt: true },
  });
  const ids = runs.map((r) => r.recordId);
  const [deals, leads] = await Promise.all([
    a.db.deal.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    a.db.lead.findMany({ where: { id: { in: ids } }, select: { id: true, firstName: true, lastName: true } }),
  ]);
  const names = new Map<string, string>([...deals.map((d) => [d.id, d.name] as const), ...leads.map((l) => [l.id, `${l.firstName} ${l.lastName}`] as const)]);
  const total = await a.db.automationRun.count({ where: { ruleId: rule.id } });
  return {
    total,
    runs: runs.map((r) => ({ ...r, results: r.results as ActionResult[], recordName: names.get(r.recordId) ?? "(deleted record)", event: r.eventKey.split(":")[2] ?? "" })),
  };
}

const DRY_RUN_SHOWN = 25;
class DryRunDone extends Error {
  constructor(readonly result: DryRun) {
    super("dry run");
  }
}
export type DryRun = {
  matched: number;
  records: { id: string; name: string; value: number | null; score: number | null; source: string | null; stageName: string; lastTouch: string; results: ActionResult[] }[];
};

/**
 * "Test against existing records": which existing deals or leads the rule (saved or not) would select now, and what
 * it would do to each of the first 25. Writes nothing: the actions run in dry-run mode, inside a transaction that
 * is always rolled back.
 */
export async function testRule(a: Actor, input: RuleInput, now = new Date()): Promise<DryRun> {
  await checkReferences(a, input);
  const idleBefore = input.trigger === "IDLE" && input.idleDays ? new Date(now.getTime() - input.idleDays * 86_400_000) : undefined;
  const q = { organizationId: a.organizationId, entity: input.entity, conditions: input.conditions, idleBefore };
  try {
    await a.db.$transaction(async (t) => {
      const tx = t as unknown as RawDb & Parameters<typeof audit>[0];
      const matched = await countMatches(tx, q);
      const rows = await findMatches(tx, { ...q, limit: DRY_RUN_SHOWN });
      const roundRobin = { cursor: null as number | null };
      const rule = { id: "00000000-0000-0000-0000-000000000000", name: input.name, entity: input.entity };
      const records: DryRun["records"] = [];
      for (const r of rows) {
        const results = await runActions({ db: tx as never, organizationId: a.organizationId, rule, now, dryRun: true, roundRobin }, input.actions, r);
        records.push({ id: r.id, name: r.name, value: r.value, score: r.score, source: r.source, stageName: r.stageName, lastTouch: r.lastTouch, results });
      }
      throw new DryRunDone({ matched, records });
    });
  } catch (e) {
    if (e instanceof DryRunDone) return e.result;
    throw e;
  }
  throw new Error("unreachable: the dry run always ends with DryRunDone");
}

/** The product brief's example: deal above 500 -> a call task for the owner; below 500 -> the lead into nurture. */
export async function createExampleRules(a: Actor, input: { active: boolean }) {
  const nurture = await a.db.campaign.findFirst({ where: { isNurture: true, deletedAt: null }, orderBy: { startDate: "asc" }, select: { id: true } });
  if (!nurture) throw new UserError("campaignId: there is no nurture campaign. Create a campaign marked as nurture under Records → Campaigns first.");
  const ids: string[] = [];
  for (const rule of exampleRules(nurture.id)) ids.push((await createRule(a, { ...rule, active: input.active })).ruleId);
  return { ruleIds: ids };
}
