import type { TenantDb } from "@/server/db/tenant";
import type { Role } from "@/server/auth/permissions";
import { endOfDay, startOfMonth } from "@/server/kpi/period";

export type HomeCard = { id: string; label: string; value: number; unit: "count" | "money"; hint: string };

const money = (d: { toString(): string } | null | undefined) => (d ? Number(d.toString()) : 0);

const openDeal = { status: "OPEN" as const, deletedAt: null };
const openTicket = { status: { in: ["OPEN" as const, "PENDING" as const] }, deletedAt: null };

/** The numbers on a role's home page. Every figure is a SQL count/sum; nothing is loaded row by row. */
export async function getHomeSummary(s: { db: TenantDb; role: Role; userId: string; now?: Date }): Promise<HomeCard[]> {
  const { db, role, userId } = s;
  const now = s.now ?? new Date();
  const month = { gte: startOfMonth(now), lt: endOfDay(now) };
  switch (role) {
    case "CRM_MANAGER": {
      const [customers, churned, members, openDeals, tickets, leads] = await Promise.all([
        db.account.count({ where: { status: "ACTIVE", deletedAt: null } }),
        db.account.count({ where: { churnDate: month, deletedAt: null } }),
        db.membership.count({ where: { active: true } }),
        db.deal.aggregate({ where: openDeal, _count: true, _sum: { amount: true } }),
        db.ticket.count({ where: openTicket }),
        db.lead.count({ where: { createdAt: month, deletedAt: null } }),
      ]);
      return [
        { id: "customers", label: "Active customers", value: customers, unit: "count", hint: "accounts with status active" },
        { id: "churned", label: "Customers lost this month", value: churned, unit: "count", hint: "churn date this month" },
        { id: "users", label: "Active users", value: members, unit: "count", hint: "members of this organization" },
        { id: "openDeals", label: "Open deals", value: openDeals._count, unit: "count", hint: "deals not yet won or lost" },
        { id: "pipeline", label: "Open pipeline value", value: money(openDeals._sum.amount), unit: "money", hint: "sum of open deal amounts" },
        { id: "backlog", label: "Open tickets", value: tickets, unit: "count", hint: "open or pending tickets" },
        { id: "leads", label: "Leads this month", value: leads, unit: "count", hint: "leads created this month" },
      ];
    }
    case "SALES_MANAGER": {
      const [leads, converted, openDeals, won] = await Promise.all([
        db.lead.count({ where: { createdAt: month, deletedAt: null } }),
        db.lead.count({ where: { convertedAt: month, deletedAt: null } }),
        db.deal.aggregate({ where: openDeal, _count: true, _sum: { amount: true } }),
        db.deal.aggregate({ where: { status: "WON", closedAt: month, deletedAt: null }, _count: true, _sum: { amount: true } }),
      ]);
      return [
        { id: "leads", label: "Leads this month", value: leads, unit: "count", hint: "leads created this month" },
        { id: "converted", label: "Leads converted this month", value: converted, unit: "count", hint: "converted date this month" },
        { id: "openDeals", label: "Open deals", value: openDeals._count, unit: "count", hint: "deals not yet won or lost" },
        { id: "pipeline", label: "Open pipeline value", value: money(openDeals._sum.amount), unit: "money", hint: "sum of open deal amounts" },
        { id: "won", label: "Deals won this month", value: won._count, unit: "count", hint: "closed won this month" },
        { id: "revenue", label: "Won revenue this month", value: money(won._sum.amount), unit: "money", hint: "sum of won deal amounts" },
      ];
    }
    case "SUPPORT_MANAGER": {
      const [backlog, opened, resolved, responses] = await Promise.all([
        db.ticket.count({ where: openTicket }),
        db.ticket.count({ where: { openedAt: month, deletedAt: null } }),
        db.ticket.count({ where: { resolvedAt: month, deletedAt: null } }),
        db.surveyResponse.count({ where: { respondedAt: month } }),
      ]);
      return [
        { id: "backlog", label: "Open tickets", value: backlog, unit: "count", hint: "open or pending tickets" },
        { id: "opened", label: "Tickets opened this month", value: opened, unit: "count", hint: "opened this month" },
        { id: "resolved", label: "Tickets resolved this month", value: resolved, unit: "count", hint: "resolved this month" },
        { id: "responses", label: "Survey answers this month", value: responses, unit: "count", hint: "NPS, CSAT and CES answers" },
      ];
    }
    case "SALES_REP": {
      const [deals, tasks, leads] = await Promise.all([
        db.deal.aggregate({ where: { ...openDeal, ownerId: userId }, _count: true, _sum: { amount: true } }),
        db.activity.count({ where: { ownerId: userId, doneAt: null, dueAt: { lt: endOfDay(now) }, deletedAt: null } }),
        db.lead.count({ where: { ownerId: userId, status: { in: ["NEW", "CONTACTED", "QUALIFIED"] }, deletedAt: null } }),
      ]);
      return [
        { id: "myDeals", label: "My open deals", value: deals._count, unit: "count", hint: "deals you own, not yet won or lost" },
        { id: "myPipeline", label: "My pipeline value", value: money(deals._sum.amount), unit: "money", hint: "sum of your open deal amounts" },
        { id: "myTasks", label: "My tasks due", value: tasks, unit: "count", hint: "not done, due today or earlier" },
        { id: "myLeads", label: "My open leads", value: leads, unit: "count", hint: "new, contacted or qualified" },
      ];
    }
    case "SUPPORT_AGENT": {
      const [tickets, tasks, resolved] = await Promise.all([
        db.ticket.count({ where: { ...openTicket, assigneeId: userId } }),
        db.activity.count({ where: { ownerId: userId, doneAt: null, dueAt: { lt: endOfDay(now) }, deletedAt: null } }),
        db.ticket.count({ where: { assigneeId: userId, resolvedAt: month, deletedAt: null } }),
      ]);
      return [
        { id: "myTickets", label: "My open tickets", value: tickets, unit: "count", hint: "assigned to you, open or pending" },
        { id: "myTasks", label: "My tasks due", value: tasks, unit: "count", hint: "not done, due today or earlier" },
        { id: "myResolved", label: "Resolved by me this month", value: resolved, unit: "count", hint: "tickets you resolved this month" },
      ];
    }
  }
}
