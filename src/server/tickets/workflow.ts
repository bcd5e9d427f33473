import type { TicketStatus } from "@/generated/prisma/client";
import { UserError } from "@/server/errors";

// The ticket workflow as a pure function: what an action does to the fields the support KPIs read.
//   respond     an agent answers the customer: the first answer sets firstResponseAt (first response time),
//               every answer is one more contact (contactCount); the ticket then waits for the customer (PENDING)
//   logContact  a contact that happened outside the app (a phone call, a chat): one more contact; it is the
//               first response when nobody had answered yet
//   resolve     resolvedAt = now (time to resolve, tickets closed, backlog). A ticket resolved with no contact
//               logged was resolved in that one contact: it counts as the first response and contact number 1
//   reopen      the customer says it is not solved: resolvedAt cleared, reopenCount + 1 (reopen rate)
// First contact resolution = resolved tickets whose contactCount is exactly 1, so it follows from these
// actions: answering twice, or reopening and answering again, makes a ticket not first-contact.

export const TICKET_ACTIONS = ["respond", "logContact", "resolve", "reopen"] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export type TicketState = {
  status: TicketStatus;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  contactCount: number;
  reopenCount: number;
};

export const isResolved = (t: Pick<TicketState, "status" | "resolvedAt">) => t.resolvedAt !== null || t.status === "RESOLVED" || t.status === "CLOSED";

/** The fields that change, or null when the action changes nothing (resolving a resolved ticket, reopening an open one). */
export function applyTicketAction(t: TicketState, action: TicketAction, now: Date): Partial<TicketState> | null {
  switch (action) {
    case "respond":
    case "logContact":
      if (isResolved(t)) throw new UserError("ticketId: the ticket is resolved. Reopen it first if the customer needs more help.");
      return {
        contactCount: t.contactCount + 1,
        ...(t.firstResponseAt ? {} : { firstResponseAt: now }),
        ...(action === "respond" ? { status: "PENDING" as const } : {}),
      };
    case "resolve":
      if (isResolved(t)) return null;
      return {
        status: "RESOLVED",
        resolvedAt: now,
        ...(t.contactCount === 0 ? { contactCount: 1 } : {}),
        ...(t.firstResponseAt ? {} : { firstResponseAt: now }),
      };
    case "reopen":
      if (!isResolved(t)) return null;
      return { status: "OPEN", resolvedAt: null, reopenCount: t.reopenCount + 1 };
  }
}
