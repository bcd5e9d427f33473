import { diffChanges } from "@/server/audit/record";
import { NotFoundError, UserError } from "@/server/errors";
import { tsParam } from "@/server/kpi/sql";
import { audit, type Actor } from "./access";

// Stage settings (CRM manager and sales manager): add, rename, set probability, reorder and remove the stages of
// the organization's pipeline. Rules:
// - new stages are open stages, placed after the last open stage (won / lost stages stay at the end);
// - only open stages are reordered, and only among open stages (the report's conversion reads "further along"
//   from the position, so a won stage before an open one would make no sense);
// - a stage holding deals (any deal, closed or deleted ones too: they point at it) is removed only with a target
//   stage of the same kind: its deals move there, each with a stage change row and an audit entry;
// - the last open, the last won and the last lost stage cannot be removed.
// Every change writes an audit entry (entity PipelineStage) in the same transaction.

const NAME_MAX = 60;
const KIND_PHRASE = { OPEN: "an open stage", WON: "a won stage", LOST: "a lost stage" } as const;

type Tx = Actor["db"];

function cleanName(name: string): string {
  const n = name.trim().replace(/\s+/g, " ");
  if (!n) throw new UserError("name: enter the stage's name.");
  if (n.length > NAME_MAX) throw new UserError(`name: at most ${NAME_MAX} characters.`);
  return n;
}

function checkProbability(p: number): number {
  if (!Number.isInteger(p) || p < 0 || p > 100) throw new UserError("probability: a whole number of percent from 0 to 100.");
  return p;
}

async function assertNameFree(tx: Tx, name: string, exceptId: string | null) {
  const clash = await tx.pipelineStage.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw new UserError(`name: a stage named "${name}" already exists.`);
}

async function loadStage(tx: Tx, stageId: string) {
  const s = await tx.pipelineStage.findFirst({ where: { id: stageId }, select: { id: true, name: true, position: true, probability: true, kind: true } });
  if (!s) throw new NotFoundError("stageId: no such stage in this organization.");
  return s;
}

/** The stages in order with the deals in each (open ones, and all that point at it): one grouped query. */
export async function listStageSettings(a: Actor) {
  const [stages, open, all] = await Promise.all([
    a.db.pipelineStage.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, position: true, probability: true, kind: true } }),
    a.db.deal.groupBy({ by: ["stageId"], where: { status: "OPEN", deletedAt: null }, _count: { _all: true } }),
    a.db.deal.groupBy({ by: ["stageId"], _count: { _all: true } }),
  ]);
  const openBy = new Map(open.map((g) => [g.stageId, g._count._all]));
  const allBy = new Map(all.map((g) => [g.stageId, g._count._all]));
  return stages.map((s) => ({ ...s, openDeals: openBy.get(s.id) ?? 0, deals: allBy.get(s.id) ?? 0 }));
}

export async function createStage(a: Actor, input: { name: string; probability: number }) {
  const name = cleanName(input.name);
  const probability = checkProbability(input.probability);
  return a.db.$transaction(async (t) => {
    const tx = t as Tx;
    await assertNameFree(tx, name, null);
    const lastOpen = await tx.pipelineStage.findFirst({ where: { kind: "OPEN" }, orderBy: { position: "desc" }, select: { position: true } });
    const position = (lastOpen?.position ?? 0) + 1;
    // make room: the stages after the last open one (won / lost) move one place down
    await tx.pipelineStage.updateMany({ where: { position: { gte: position } }, data: { position: { increment: 1 } } });
    const s = await tx.pipelineStage.create({ data: { organizationId: a.organizationId, name, probability, position, kind: "OPEN" }, select: { id: true } });
    await audit(tx, { actorId: a.userId, action: "create", entityType: "PipelineStage", entityId: s.id, changes: { name, probability, position, kind: "OPEN" } });
    return { stageId: s.id };
  });
}

export async function updateStage(a: Actor, input: { stageId: string; name?: string; probability?: number }) {
  const data: { name?: string; probability?: number } = {};
  if (input.name !== undefined) data.name = cleanName(input.name);
  if (input.probability !== undefined) data.probability = checkProbability(input.probability);
  return a.db.$transaction(async (t) => {
    const tx = t as Tx;
    const s = await loadStage(tx, input.stageId);
    if (data.name !== undefined) await assertNameFree(tx, data.name, s.id);
    const changes = diffChanges(s, data);
    if (Object.keys(changes).length === 0) return { stageId: s.id, changed: false };
    await tx.pipelineStage.update({ where: { id: s.id }, data });
    await audit(tx, { actorId: a.userId, action: "update", entityType: "PipelineStage", entityId: s.id, changes });
    return { stageId: s.id, changed: true };
  });
}

/** Moves an open stage one place up or down among the open stages (swaps positions with its neighbour). */
export async function moveStage(a: Actor, input: { stageId: string; direction: "up" | "down" }) {
  return a.db.$transaction(async (t) => {
    const tx = t as Tx;
    const s = await loadStage(tx, input.stageId);
    if (s.kind !== "OPEN") throw new UserError("stageId: won and lost stages stay at the end of the pipeline.");
    const neighbour = await tx.pipelineStage.findFirst({
      where: { kind: "OPEN", position: input.direction === "up" ? { lt: s.position } : { gt: s.position } },
      orderBy: { position: input.direction === "up" ? "desc" : "asc" },
      select: { id: true, position: true, name: true },
    });
    // already first / last: nothing to do (a repeated click is harmless)
    if (!neighbour) return { stageId: s.id, position: s.position, changed: false };
    await tx.pipelineStage.update({ where: { id: s.id }, data: { position: neighbour.position } });
    await tx.pipelineStage.update({ where: { id: neighbour.id }, data: { position: s.position } });
    await audit(tx, { actorId: a.userId, action: "update", entityType: "PipelineStage", entityId: s.id, changes: { position: { from: s.position, to: neighbour.position } } });
    await audit(tx, { actorId: a.userId, action: "update", entityType: "PipelineStage", entityId: neighbour.id, changes: { position: { from: neighbour.position, to: s.position } } });
    return { stageId: s.id, position: neighbour.position, changed: true };
  });
}

/**
 * Removes a stage. With deals in it, `targetStageId` (a stage of the same kind) is required and its deals move
 * there first: one stage-change row and one audit entry per deal, written by INSERT ... SELECT. The stage's
 * history rows keep their timing with the stage left empty (the database sets it to NULL).
 */
export async function deleteStage(a: Actor, input: { stageId: string; targetStageId?: string | null }, now = new Date()) {
  return a.db.$transaction(async (t) => {
    const tx = t as Tx;
    const s = await tx.pipelineStage.findFirst({ where: { id: input.stageId }, select: { id: true, name: true, position: true, probability: true, kind: true } });
    if (!s) {
      // removing twice (a double submit) is harmless: the stage this organization removed is reported as removed
      const removed = await tx.auditLog.findFirst({ where: { entityType: "PipelineStage", entityId: input.stageId, action: "delete" }, select: { id: true } });
      if (removed) return { stageId: input.stageId, movedDeals: 0, targetStageId: null, alreadyRemoved: true };
      throw new NotFoundError("stageId: no such stage in this organization.");
    }
    const sameKind = await tx.pipelineStage.count({ where: { kind: s.kind } });
    if (sameKind <= 1) throw new UserError(`stageId: "${s.name}" is the only ${s.kind.toLowerCase()} stage; the pipeline needs one.`);
    const deals = await tx.deal.count({ where: { stageId: s.id } });
    let target: { id: string; name: string } | null = null;
    if (deals > 0) {
      if (!input.targetStageId) {
        throw new UserError(`targetStageId: ${deals} deal${deals === 1 ? "" : "s"} sit in "${s.name}"; choose the stage to move ${deals === 1 ? "it" : "them"} to before removing it.`);
      }
      const tgt = await loadStage(tx, input.targetStageId).catch(() => null);
      if (!tgt || tgt.id === s.id) throw new UserError("targetStageId: choose another stage of this pipeline.");
      if (tgt.kind !== s.kind) throw new UserError(`targetStageId: "${tgt.name}" is ${KIND_PHRASE[tgt.kind]}; the deals of "${s.name}" can only move to another ${s.kind.toLowerCase()} stage.`);
      target = { id: tgt.id, name: tgt.name };
      const params = [a.organizationId, s.id, tgt.id, tsParam(now), a.userId];
      await tx.$executeRawUnsafe(
        `INSERT INTO "DealStageChange" ("organizationId", "dealId", "fromStageId", "toStageId", "changedAt", "changedById")
         SELECT d."organizationId", d.id, $2::uuid, $3::uuid, $4::timestamp, $5::uuid FROM "Deal" d
         WHERE d."organizationId" = $1::uuid AND d."stageId" = $2::uuid`,
        ...params,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "AuditLog" ("organizationId", "actorId", "action", "entityType", "entityId", "changes")
         SELECT d."organizationId", $4::uuid, 'update', 'Deal', d.id::text,
                jsonb_build_object('stageId', jsonb_build_object('from', $2::text, 'to', $3::text), 'reason', 'stage removed')
         FROM "Deal" d WHERE d."organizationId" = $1::uuid AND d."stageId" = $2::uuid`,
        a.organizationId, s.id, tgt.id, a.userId,
      );
      await tx.deal.updateMany({ where: { stageId: s.id }, data: { stageId: tgt.id } });
    }
    await tx.pipelineStage.delete({ where: { id: s.id } });
    // close the gap so positions stay 1..n
    await tx.pipelineStage.updateMany({ where: { position: { gt: s.position } }, data: { position: { decrement: 1 } } });
    await audit(tx, {
      actorId: a.userId, action: "delete", entityType: "PipelineStage", entityId: s.id,
      changes: { name: s.name, kind: s.kind, position: s.position, probability: s.probability, movedDeals: deals, targetStageId: target?.id ?? null, targetStage: target?.name ?? null },
    });
    return { stageId: s.id, movedDeals: deals, targetStageId: target?.id ?? null, alreadyRemoved: false };
  });
}
