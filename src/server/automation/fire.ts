// The one entry point of the automation rules: called with the transaction that created or changed a deal or a
// lead, so a rule's work commits (or rolls back) with the change itself. No queue is needed: creating and changing
// records happens in requests; only "idle for N days" needs a clock, and the sweep (sweep.ts) calls fireRule too.
//
// Never twice for one event: each firing first inserts its AutomationRun row, and UNIQUE (ruleId, eventKey) with
// ON CONFLICT DO NOTHING means a second firing for the same event (a retry, a double submit, two app instances
// sweeping at once) inserts nothing and does nothing.
// A rule's actions do not fire other rules (no chains, no loops).
import { runActions, type ActionResult } from "./actions";
import { findMatches, type RawDb } from "./match";
import type { Condition, Entity, RuleAction, Trigger } from "./rule-input";
import type { recordAudit } from "@/server/audit/record";

export type AutomationEventName = "created" | "stageChanged" | "valueChanged" | "scoreChanged" | "idle";

export type AutomationEvent = {
  organizationId: string;
  entity: "deal" | "lead";
  id: string;
  event: AutomationEventName;
  /** who made the change (null: the system, e.g. the idle sweep) */
  actorId: string | null;
  /**
   * What makes this event different from earlier ones of the same kind on the same record: the DealStageChange id
   * of a move, the change's timestamp for a status, value or score change, the last touch for idle.
   * Not needed for "created" (a record is created once).
   */
  changeKey?: string;
  now?: Date;
};

/** A transaction client (tenant-scoped or not): raw SQL plus the audit log writer. */
export type AutomationDb = RawDb & Parameters<typeof recordAudit>[0];

export type FiredRule = { ruleId: string; ruleName: string; runId: string; status: "DONE" | "FAILED"; results: ActionResult[]; error: string | null };

const TRIGGER_OF: Record<AutomationEventName, Trigger> = {
  created: "CREATED",
  stageChanged: "STAGE_CHANGED",
  valueChanged: "VALUE_CHANGED",
  scoreChanged: "SCORE_CHANGED",
  idle: "IDLE",
};

export type StoredRule = { id: string; name: string; entity: Entity; trigger: Trigger; idleDays: number | null; conditions: Condition[]; actions: RuleAction[] };

export function eventKeyOf(e: Pick<AutomationEvent, "entity" | "id" | "event" | "changeKey">): string {
  return `${e.entity}:${e.id}:${e.event}${e.changeKey ? `:${e.changeKey}` : ""}`;
}

/** The organization's active rules for one entity and trigger, in the order they were created. */
function activeRules(tx: AutomationDb, organizationId: string, entity: Entity, trigger: Trigger): Promise<StoredRule[]> {
  return tx.$queryRawUnsafe<StoredRule[]>(
    `SELECT id::text AS id, name, entity::text AS entity, trigger::text AS trigger, "idleDays", conditions, actions FROM "AutomationRule"
      WHERE "organizationId" = $1::uuid AND entity = $2::"AutomationEntity" AND trigger = $3::"AutomationTrigger" AND active
      ORDER BY "createdAt", id`,
    organizationId, entity, trigger,
  );
}

/** Fires every active rule of the organization that listens to this event, in the order they were created. */
export async function fireAutomation(tx: AutomationDb, e: AutomationEvent): Promise<FiredRule[]> {
  const entity: Entity = e.entity === "deal" ? "DEAL" : "LEAD";
  const rules = await activeRules(tx, e.organizationId, entity, TRIGGER_OF[e.event]);
  const fired: FiredRule[] = [];
  for (const rule of rules) {
    const r = await fireRule(tx, rule, e);
    if (r) fired.push(r);
  }
  return fired;
}

/**
 * Fires one rule on one event: nothing when the record does not match the conditions (or, for idle rules, is not
 * idle long enough) or when this rule already fired for this event. The actions run under a savepoint: an action
 * that fails is logged on the run (FAILED, with the error) and undone, and the change that fired it still commits.
 */
export async function fireRule(tx: AutomationDb, rule: StoredRule, e: AutomationEvent): Promise<FiredRule | null> {
  const now = e.now ?? new Date();
  const entity: Entity = e.entity === "deal" ? "DEAL" : "LEAD";
  const idleBefore = rule.trigger === "IDLE" && rule.idleDays ? new Date(now.getTime() - rule.idleDays * 86_400_000) : undefined;
  const [record] = await findMatches(tx, { organizationId: e.organizationId, entity, conditions: rule.conditions, recordId: e.id, idleBefore });
  if (!record) return null;

  const eventKey = eventKeyOf(e);
  const claimed = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "AutomationRun" ("organizationId", "ruleId", entity, "recordId", "eventKey", status, "actorId", "createdAt")
     VALUES ($1::uuid, $2::uuid, $3::"AutomationEntity", $4::uuid, $5, 'RUNNING', $6::uuid, $7::timestamp)
     ON CONFLICT ("ruleId", "eventKey") DO NOTHING RETURNING id::text AS id`,
    e.organizationId, rule.id, entity, e.id, eventKey, e.actorId, now,
  );
  const runId = claimed[0]?.id;
  if (!runId) return null; // already fired for this event

  await tx.$executeRawUnsafe(`SAVEPOINT automation_run`);
  let results: ActionResult[] = [];
  let error: string | null = null;
  try {
    results = await runActions(
      { db: tx, organizationId: e.organizationId, rule: { id: rule.id, name: rule.name, entity }, now, dryRun: false, roundRobin: { cursor: null } },
      rule.actions,
      record,
    );
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT automation_run`);
  } catch (err) {
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT automation_run`);
    error = err instanceof Error ? err.message.slice(0, 1000) : String(err);
  }
  const status = error ? "FAILED" : "DONE";
  await tx.$executeRawUnsafe(
    `UPDATE "AutomationRun" SET status = $2, results = $3::jsonb, error = $4 WHERE id = $1::uuid`,
    runId, status, JSON.stringify(results), error,
  );
  return { ruleId: rule.id, ruleName: rule.name, runId, status, results, error };
}

/**
 * "Score changed" for every lead a scoring-model change rescored, in the model change's transaction. The rules are
 * read once (a model change can rescore thousands of leads), and nothing more happens when none listens.
 */
export async function fireScoreChanges(
  tx: AutomationDb,
  organizationId: string,
  changed: { id: string; after: number }[],
  actorId: string | null,
  now = new Date(),
): Promise<FiredRule[]> {
  if (changed.length === 0) return [];
  const rules = await activeRules(tx, organizationId, "LEAD", "SCORE_CHANGED");
  const fired: FiredRule[] = [];
  for (const lead of changed) {
    for (const rule of rules) {
      const r = await fireRule(tx, rule, { organizationId, entity: "lead", id: lead.id, event: "scoreChanged", actorId, changeKey: `${lead.after}@${now.toISOString()}`, now });
      if (r) fired.push(r);
    }
  }
  return fired;
}
