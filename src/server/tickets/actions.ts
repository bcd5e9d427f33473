import type { Prisma, TicketStatus } from "@/generated/prisma/client";
import { diffChanges } from "@/server/audit/record";
import { NotFoundError, UserError } from "@/server/errors";
import { assertMayWork, audit, ownerScope, type Actor } from "@/server/pipeline/access";
import { applyTicketAction, type TicketAction } from "./workflow";
import { retryOnConflict } from "@/server/db/retry";
import { isUuid } from "@/server/uuid";

const PAGE_SIZE = 50;

export const TICKET_VIEWS = ["open", "resolved", "all"] as const;
export type TicketView = (typeof TICKET_VIEWS)[number];

/** The ticket desk: agents see the tickets assigned to them; managers all (or one assignee's). */
export async function listTickets(a: Actor, input: { view?: TicketView; assigneeId?: string | null; page?: number }) {
  if (input.assigneeId && !isUuid(input.assigneeId)) throw new UserError("assigneeId: must be a user id.");
  const assignee = ownerScope(a, input.assigneeId);
  const base: Prisma.TicketWhereInput = { deletedAt: null, ...(assignee ? { assigneeId: assignee } : {}) };
  const view = input.view ?? "open";
  const where: Prisma.TicketWhereInput = { ...base, ...(view === "open" ? { resolvedAt: null } : view === "resolved" ? { resolvedAt: { not: null } } : {}) };
  const page = Math.max(1, input.page ?? 1);
  const [rows, total, open] = await Promise.all([
    a.db.ticket.findMany({
      where,
      orderBy: view === "resolved" ? [{ resolvedAt: "desc" }, { id: "asc" }] : [{ openedAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true, subject: true, status: true, priority: true, channel: true, openedAt: true, firstResponseAt: true, resolvedAt: true,
        contactCount: true, reopenCount: true, assigneeId: true, account: { select: { name: true } },
      },
    }),
    a.db.ticket.count({ where }),
    // the open view's count is the open count: counted once
    view === "open" ? null : a.db.ticket.count({ where: { ...base, resolvedAt: null } }),
  ]);
  const assigneeIds = [...new Set(rows.map((r) => r.assigneeId).filter((x): x is string => !!x))];
  const users = assigneeIds.length ? await a.db.membership.findMany({ where: { userId: { in: assigneeIds } }, select: { userId: true, user: { select: { name: true } } } }) : [];
  const names = new Map(users.map((u) => [u.userId, u.user.name]));
  return {
    tickets: rows.map(({ account, ...t }) => ({ ...t, accountName: account?.name ?? null, assigneeName: t.assigneeId ? names.get(t.assigneeId) ?? null : null })),
    total,
    open: open ?? total,
    page,
    pageSize: PAGE_SIZE,
    view,
  };
}

/**
 * Applies one workflow action to a ticket (see workflow.ts) with its audit entry, in one transaction. The update
 * is conditional on the state that was read, so two agents acting at once cannot both count as "first".
 */
export async function actOnTicket(a: Actor, input: { ticketId: string; action: TicketAction }, now = new Date()) {
  return retryOnConflict(() =>
    a.db.$transaction(async (tx) => {
      const t = await tx.ticket.findFirst({
        where: { id: input.ticketId, deletedAt: null },
        select: { id: true, assigneeId: true, status: true, firstResponseAt: true, resolvedAt: true, contactCount: true, reopenCount: true },
      });
      if (!t) throw new NotFoundError("ticketId: no such ticket in this organization.");
      assertMayWork(a, t.assigneeId, "tickets assigned to you");
      const change = applyTicketAction(t, input.action, now);
      if (!change) return { ticketId: t.id, changed: false, ...pick(t) };
      const updated = await tx.ticket.updateMany({
        where: { id: t.id, status: t.status, contactCount: t.contactCount, reopenCount: t.reopenCount, resolvedAt: t.resolvedAt },
        data: change,
      });
      if (updated.count !== 1) throw new UserError("ticketId: this ticket was changed by someone else in the meantime. Reload and try again.");
      await audit(tx, { actorId: a.userId, action: "update", entityType: "Ticket", entityId: t.id, changes: { ...diffChanges(t, change), workflow: { from: null, to: input.action } } });
      return { ticketId: t.id, changed: true, ...pick({ ...t, ...change }) };
    })
  );
}

function pick(t: { status: TicketStatus; firstResponseAt: Date | null; resolvedAt: Date | null; contactCount: number; reopenCount: number }) {
  return { status: t.status, firstResponseAt: t.firstResponseAt, resolvedAt: t.resolvedAt, contactCount: t.contactCount, reopenCount: t.reopenCount };
}
