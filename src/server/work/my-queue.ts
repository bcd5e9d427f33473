import type { TenantDb } from "@/server/db/tenant";
import { endOfDay } from "@/server/kpi/period";

const LIMIT = 10;

/**
 * A person's own work queue: open deals they own, open tickets assigned to them and their tasks not done
 * that are due by the end of today (oldest first). Counts come from the same filters as the lists.
 */
export async function getMyQueue({ db, userId }: { db: TenantDb; userId: string }, now = new Date()) {
  const endOfToday = endOfDay(now);
  const dealWhere = { ownerId: userId, status: "OPEN" as const, deletedAt: null };
  const ticketWhere = { assigneeId: userId, status: { in: ["OPEN" as const, "PENDING" as const] }, deletedAt: null };
  const taskWhere = { ownerId: userId, doneAt: null, deletedAt: null, dueAt: { lt: endOfToday } };
  const [deals, dealCount, tickets, ticketCount, tasks, taskCount] = await Promise.all([
    db.deal.findMany({ where: dealWhere, orderBy: [{ expectedCloseAt: "asc" }, { openedAt: "asc" }], take: LIMIT, select: { id: true, name: true, amount: true, openedAt: true, expectedCloseAt: true, stage: { select: { name: true } }, account: { select: { name: true } } } }),
    db.deal.count({ where: dealWhere }),
    db.ticket.findMany({ where: ticketWhere, orderBy: [{ priority: "desc" }, { openedAt: "asc" }], take: LIMIT, select: { id: true, subject: true, priority: true, channel: true, status: true, openedAt: true, firstResponseAt: true } }),
    db.ticket.count({ where: ticketWhere }),
    db.activity.findMany({ where: taskWhere, orderBy: { dueAt: "asc" }, take: LIMIT, select: { id: true, type: true, subject: true, dueAt: true } }),
    db.activity.count({ where: taskWhere }),
  ]);
  return {
    deals: deals.map((d) => ({ id: d.id, name: d.name, amount: Number(d.amount), stage: d.stage.name, account: d.account?.name ?? null, openedAt: d.openedAt, expectedCloseAt: d.expectedCloseAt })),
    dealCount,
    tickets,
    ticketCount,
    tasks: tasks.map((t) => ({ ...t, overdue: !!t.dueAt && t.dueAt < now })),
    taskCount,
  };
}
