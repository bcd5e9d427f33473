import type { StageKind } from "@/generated/prisma/client";
import { diffChanges } from "@/server/audit/record";
import { NotFoundError, UserError } from "@/server/errors";
import { fireAutomation, type AutomationDb } from "@/server/automation/fire";
import { assertMayWork, audit, type Actor } from "./access";
import { retryOnConflict } from "@/server/db/retry";

/**
 * What a deal's status and close date become in a stage of the given kind (the KPIs read these):
 * a won / lost stage closes the deal now (win rate, sales cycle and new revenue count it by closedAt);
 * an open stage (re)opens it — moving a closed deal back into the pipeline clears its close date.
 */
export function dealStateInStage(kind: StageKind, now: Date): { status: "OPEN" | "WON" | "LOST"; closedAt: Date | null } {
  if (kind === "WON") return { status: "WON", closedAt: now };
  if (kind === "LOST") return { status: "LOST", closedAt: now };
  return { status: "OPEN", closedAt: null };
}

/**
 * Moves a deal to another stage: one DealStageChange row (from, to, when, who), the deal's stage, status and
 * close date, and an audit entry, in one transaction. Winning the first deal of an account that is not a
 * customer yet makes it one (startDate = now, status ACTIVE), which the customer KPIs count as a new customer.
 * `fromStageId` (the stage the caller saw) makes a move based on a stale board fail instead of overwriting.
 */
export async function moveDeal(a: Actor, input: { dealId: string; toStageId: string; fromStageId?: string }, now = new Date()) {
  return retryOnConflict(() =>
    a.db.$transaction(async (tx) => {
      const deal = await tx.deal.findFirst({
        where: { id: input.dealId, deletedAt: null },
        select: { id: true, name: true, ownerId: true, stageId: true, status: true, closedAt: true, accountId: true },
      });
      if (!deal) throw new NotFoundError("dealId: no such deal in this organization.");
      assertMayWork(a, deal.ownerId, "deals");
      if (input.fromStageId && input.fromStageId !== deal.stageId) {
        throw new UserError("dealId: this deal was moved by someone else in the meantime. Reload the board and try again.");
      }
      const to = await tx.pipelineStage.findFirst({ where: { id: input.toStageId }, select: { id: true, name: true, kind: true } });
      if (!to) throw new UserError("toStageId: no such stage in this organization's pipeline.");
      if (to.id === deal.stageId) return { dealId: deal.id, stageId: to.id, status: deal.status, closedAt: deal.closedAt, changed: false };

      const state = dealStateInStage(to.kind, now);
      // the stage change row first: the deal's update then reads its entry time into the new stage from it
      // ("stageEnteredAt", kept by triggers); the other order would update the deal a second time
      const change = await tx.dealStageChange.create({
        data: { organizationId: a.organizationId, dealId: deal.id, fromStageId: deal.stageId, toStageId: to.id, changedAt: now, changedById: a.userId },
        select: { id: true },
      });
      // the stage the deal was read in is part of the condition: a concurrent move makes this update miss (and
      // the error rolls the stage change row back)
      const moved = await tx.deal.updateMany({ where: { id: deal.id, stageId: deal.stageId }, data: { stageId: to.id, ...state } });
      if (moved.count !== 1) throw new UserError("dealId: this deal was moved by someone else in the meantime. Reload the board and try again.");
      await audit(tx, {
        actorId: a.userId, action: "update", entityType: "Deal", entityId: deal.id,
        changes: diffChanges({ stageId: deal.stageId, status: deal.status, closedAt: deal.closedAt }, { stageId: to.id, ...state }),
      });

      if (to.kind === "WON" && deal.accountId) {
        const account = await tx.account.findFirst({ where: { id: deal.accountId, deletedAt: null }, select: { id: true, startDate: true, status: true } });
        if (account && !account.startDate) {
          const after = { startDate: now, status: "ACTIVE" as const };
          await tx.account.update({ where: { id: account.id }, data: after });
          await audit(tx, { actorId: a.userId, action: "update", entityType: "Account", entityId: account.id, changes: diffChanges(account, after) });
        }
      }
      // automation rules on "stage changed": the stage change row identifies the event
      await fireAutomation(tx as unknown as AutomationDb, { organizationId: a.organizationId, entity: "deal", id: deal.id, event: "stageChanged", changeKey: change.id, actorId: a.userId, now });
      return { dealId: deal.id, stageId: to.id, ...state, changed: true };
    })
  );
}
