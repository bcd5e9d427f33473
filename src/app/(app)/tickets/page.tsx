import type { Metadata } from "next";
import { requirePermission } from "@/server/auth/session";
import { isStaff } from "@/server/auth/permissions";
import { TicketDesk } from "@/components/tickets/desk";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage() {
  const { user } = await requirePermission("records:support");
  return (
    <div>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="tickets-title">Tickets</h1>
        <p className="mt-1 text-sm text-slate-600">
          Respond, log contacts, resolve and reopen. The first answer sets the first response time; a ticket resolved with a single contact counts as resolved on first contact.
        </p>
      </header>
      <TicketDesk canPickAssignee={!isStaff(user.role)} />
    </div>
  );
}
