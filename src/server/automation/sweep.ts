// "Idle for N days" has no request to ride on: the sweep finds, for each active idle rule, the open deals or leads
// with no change or activity for N days that match its conditions (one SQL statement per rule), and fires the rule on
// each in its own transaction. The idle event's key is the record's last touch, so a record fires once per idle
// spell, and two app instances sweeping at the same time cannot both fire it (UNIQUE (ruleId, eventKey)).
// Run by a timer in the server process (src/instrumentation.ts, AUTOMATION_SWEEP_MINUTES) and by `npm run automation:sweep`.
import type { PrismaClient } from "@/generated/prisma/client";
import { fireRule, type AutomationDb, type StoredRule } from "./fire";
import { findMatches } from "./match";

export type SweepResult = { rules: number; fired: number; failed: number };

export async function sweepIdleRules(db: PrismaClient, now = new Date(), opts: { limitPerRule?: number; organizationId?: string } = {}): Promise<SweepResult> {
  const rules = await db.automationRule.findMany({
    where: { active: true, trigger: "IDLE", idleDays: { not: null }, ...(opts.organizationId ? { organizationId: opts.organizationId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, organizationId: true, name: true, entity: true, trigger: true, idleDays: true, conditions: true, actions: true },
  });
  const out: SweepResult = { rules: rules.length, fired: 0, failed: 0 };
  for (const r of rules) {
    const rule = r as unknown as StoredRule & { organizationId: string };
    const idleBefore = new Date(now.getTime() - rule.idleDays! * 86_400_000);
    const candidates = await findMatches(db as unknown as AutomationDb, {
      organizationId: rule.organizationId, entity: rule.entity, conditions: rule.conditions, idleBefore, notFiredByRule: rule.id, limit: opts.limitPerRule ?? 500,
    });
    for (const c of candidates) {
      const fired = await db.$transaction((tx) =>
        fireRule(tx as unknown as AutomationDb, rule, {
          organizationId: rule.organizationId, entity: rule.entity === "DEAL" ? "deal" : "lead", id: c.id, event: "idle", actorId: null, changeKey: c.lastTouch, now,
        }),
      );
      if (fired) {
        out.fired += 1;
        if (fired.status === "FAILED") out.failed += 1;
      }
    }
  }
  return out;
}
