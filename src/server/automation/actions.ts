// What a rule does to a matched record. One code path for the real run and the dry run: with `dryRun` every
// check is made and the outcome described ("would create ..."), but nothing is written.
import { recordAudit } from "@/server/audit/record";
import type { MatchedRecord, RawDb } from "./match";
import type { Entity, RuleAction } from "./rule-input";

export type ActionResult = { action: RuleAction["type"]; outcome: "done" | "skipped"; detail: string };

export type ActionContext = {
  db: RawDb & AuditDb;
  organizationId: string;
  rule: { id: string; name: string; entity: Entity };
  now: Date;
  dryRun: boolean;
  /** the round-robin position; the real run reads and locks it from the rule row, the dry run counts locally */
  roundRobin: { cursor: number | null };
};

type AuditDb = Parameters<typeof recordAudit>[0];

const entityType = (e: Entity) => (e === "DEAL" ? "Deal" : "Lead");
const table = (e: Entity) => (e === "DEAL" ? `"Deal"` : `"Lead"`);

async function activeMember(c: ActionContext, userId: string): Promise<{ id: string; name: string } | null> {
  const rows = await c.db.$queryRawUnsafe<{ id: string; name: string }[]>(
    `SELECT u.id::text AS id, u.name FROM "Membership" m JOIN "User" u ON u.id = m."userId"
      WHERE m."organizationId" = $1::uuid AND m."userId" = $2::uuid AND m.active`,
    c.organizationId, userId,
  );
  return rows[0] ?? null;
}

async function nameOf(c: ActionContext, userId: string): Promise<string> {
  return (await activeMember(c, userId))?.name ?? "a former member";
}

/** Runs the rule's actions in order on the record (which an assignment updates for the actions after it). */
export async function runActions(c: ActionContext, actions: RuleAction[], record: MatchedRecord): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  const rec = { ...record };
  for (const action of actions) results.push(await runAction(c, action, rec));
  return results;
}

async function runAction(c: ActionContext, a: RuleAction, rec: MatchedRecord): Promise<ActionResult> {
  const done = (detail: string): ActionResult => ({ action: a.type, outcome: "done", detail: c.dryRun ? `would ${detail}` : detail });
  const skipped = (detail: string): ActionResult => ({ action: a.type, outcome: "skipped", detail });
  const what = `${c.rule.entity === "DEAL" ? "deal" : "lead"} "${rec.name}"`;

  switch (a.type) {
    case "createTask": {
      if (!rec.ownerId) return skipped(`the ${what} has no owner`);
      const dueAt = new Date(c.now.getTime() + a.dueInHours * 3_600_000);
      const owner = await nameOf(c, rec.ownerId);
      if (!c.dryRun) {
        const rows = await c.db.$queryRawUnsafe<{ id: string }[]>(
          `INSERT INTO "Activity" ("organizationId", type, subject, notes, "ownerId", "dealId", "leadId", "dueAt", "createdAt", "updatedAt")
           VALUES ($1::uuid, $2::"ActivityType", $3, $4, $5::uuid, $6::uuid, $7::uuid, $8::timestamp, $9::timestamp, $9::timestamp) RETURNING id::text AS id`,
          c.organizationId, a.activityType, a.subject, `Created by the automation rule "${c.rule.name}".`, rec.ownerId,
          c.rule.entity === "DEAL" ? rec.id : null, c.rule.entity === "LEAD" ? rec.id : null, dueAt, c.now,
        );
        await recordAudit(c.db, {
          organizationId: c.organizationId, actorId: null, action: "create", entityType: "Activity", entityId: rows[0]!.id,
          changes: { type: a.activityType, subject: a.subject, ownerId: rec.ownerId, dueAt, automationRule: c.rule.name },
        });
      }
      return done(`create the ${a.activityType.toLowerCase().replace("_", "-")} task "${a.subject}" for ${owner} on the ${what}, due ${dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC`);
    }

    case "assignUser": {
      const user = await activeMember(c, a.userId);
      if (!user) return skipped("the person to assign to is no longer an active member");
      return assign(c, rec, user, what, done, skipped);
    }

    case "assignRoundRobin": {
      const members = await c.db.$queryRawUnsafe<{ id: string; name: string }[]>(
        `SELECT u.id::text AS id, u.name FROM "Membership" m JOIN "User" u ON u.id = m."userId"
          WHERE m."organizationId" = $1::uuid AND m."teamId" = $2::uuid AND m.active ORDER BY u.name, u.id`,
        c.organizationId, a.teamId,
      );
      if (members.length === 0) return skipped("the team has no active members");
      if (c.roundRobin.cursor === null) {
        // the row lock makes two changes fired at once take turns: each gets the next member
        const rows = await c.db.$queryRawUnsafe<{ cursor: number }[]>(
          `SELECT "roundRobinCursor" AS cursor FROM "AutomationRule" WHERE id = $1::uuid ${c.dryRun ? "" : "FOR UPDATE"}`,
          c.rule.id,
        );
        c.roundRobin.cursor = Number(rows[0]?.cursor ?? 0);
      }
      const user = members[c.roundRobin.cursor % members.length]!;
      c.roundRobin.cursor += 1;
      if (!c.dryRun) {
        await c.db.$executeRawUnsafe(`UPDATE "AutomationRule" SET "roundRobinCursor" = $2 WHERE id = $1::uuid`, c.rule.id, c.roundRobin.cursor);
      }
      return assign(c, rec, user, what, done, skipped, ` (round-robin, ${members.length} in the team)`);
    }

    case "addToCampaign": {
      if (!rec.leadId) return skipped(`the ${what} has no lead`);
      const campaign = await c.db.$queryRawUnsafe<{ name: string }[]>(
        `SELECT name FROM "Campaign" WHERE id = $1::uuid AND "organizationId" = $2::uuid AND "deletedAt" IS NULL`,
        a.campaignId, c.organizationId,
      );
      if (!campaign[0]) return skipped("the campaign no longer exists");
      const leadLabel = c.rule.entity === "LEAD" ? what : `lead of the ${what}`;
      if (c.dryRun) {
        const member = await c.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "CampaignMember" WHERE "campaignId" = $1::uuid AND "leadId" = $2::uuid`, a.campaignId, rec.leadId);
        if (member.length) return skipped(`the ${leadLabel} is already in "${campaign[0].name}"`);
        return done(`add the ${leadLabel} to the campaign "${campaign[0].name}"`);
      }
      const added = await c.db.$queryRawUnsafe<{ id: string }[]>(
        `INSERT INTO "CampaignMember" ("organizationId", "campaignId", "leadId", "addedByRuleId", "addedAt")
         VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::timestamp) ON CONFLICT ("campaignId", "leadId") DO NOTHING RETURNING id::text AS id`,
        c.organizationId, a.campaignId, rec.leadId, c.rule.id, c.now,
      );
      if (!added[0]) return skipped(`the ${leadLabel} is already in "${campaign[0].name}"`);
      await recordAudit(c.db, {
        organizationId: c.organizationId, actorId: null, action: "create", entityType: "CampaignMember", entityId: added[0].id,
        changes: { campaignId: a.campaignId, leadId: rec.leadId, automationRule: c.rule.name },
      });
      return done(`add the ${leadLabel} to the campaign "${campaign[0].name}"`);
    }

    case "notify": {
      const userId = a.to === "owner" ? rec.ownerId : a.to;
      if (!userId) return skipped(`the ${what} has no owner to notify`);
      const user = await activeMember(c, userId);
      if (!user) return skipped("the person to notify is no longer an active member");
      if (!c.dryRun) {
        await c.db.$executeRawUnsafe(
          `INSERT INTO "Notification" ("organizationId", "userId", message, "entityType", "entityId", "ruleId", "createdAt")
           VALUES ($1::uuid, $2::uuid, $3, $4, $5::uuid, $6::uuid, $7::timestamp)`,
          c.organizationId, user.id, `${a.message} (${what})`, entityType(c.rule.entity), rec.id, c.rule.id, c.now,
        );
      }
      return done(`notify ${user.name}: "${a.message}"`);
    }
  }
}

async function assign(
  c: ActionContext, rec: MatchedRecord, user: { id: string; name: string }, what: string,
  done: (d: string) => ActionResult, skipped: (d: string) => ActionResult, how = "",
): Promise<ActionResult> {
  if (rec.ownerId === user.id) return skipped(`${user.name} already owns the ${what}`);
  if (!c.dryRun) {
    await c.db.$executeRawUnsafe(`UPDATE ${table(c.rule.entity)} SET "ownerId" = $2::uuid, "updatedAt" = $3::timestamp WHERE id = $1::uuid`, rec.id, user.id, c.now);
    await recordAudit(c.db, {
      organizationId: c.organizationId, actorId: null, action: "update", entityType: entityType(c.rule.entity), entityId: rec.id,
      changes: { ownerId: { from: rec.ownerId, to: user.id }, automationRule: c.rule.name },
    });
  }
  rec.ownerId = user.id;
  return done(`assign the ${what} to ${user.name}${how}`);
}
