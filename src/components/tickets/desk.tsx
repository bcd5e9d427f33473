"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient, type RouterOutputs } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { formatCount } from "@/components/format";
import { ErrorText, secondaryButtonClass, SelectField, SuccessText } from "@/components/ui";

type Ticket = RouterOutputs["tickets"]["list"]["tickets"][number];
type View = "open" | "resolved" | "all";
type Action = "respond" | "logContact" | "resolve" | "reopen";

const VIEWS: { id: View; label: string }[] = [
  { id: "open", label: "Open" },
  { id: "resolved", label: "Resolved" },
  { id: "all", label: "All" },
];
const ACTION_LABELS: Record<Action, string> = { respond: "Respond", logContact: "Log contact", resolve: "Resolve", reopen: "Reopen" };
const DONE: Record<Action, string> = { respond: "answered", logContact: "contact logged", resolve: "resolved", reopen: "reopened" };
const when = (d: Date | string | null) => (d ? new Date(d).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : "—");

export function TicketDesk({ canPickAssignee }: { canPickAssignee: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [view, setView] = useState<View>("open");
  const [assigneeId, setAssigneeId] = useState("");
  const [page, setPage] = useState(1);
  const input = { view, page, ...(assigneeId ? { assigneeId } : {}) };
  const list = useQuery(trpc.tickets.list.queryOptions(input));
  const agents = useQuery({ ...trpc.kpi.getFilterOptions.queryOptions({ roles: ["SUPPORT_AGENT", "SUPPORT_MANAGER"] }), enabled: canPickAssignee });
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  // one mutation for the four workflow actions (each is its own procedure on the server)
  const act = useMutation({
    mutationFn: ({ ticketId, action }: { ticketId: string; action: Action }) => client.tickets[action].mutate({ ticketId }),
    onMutate: () => setStatus(null),
    onSuccess: (r, { ticketId, action }) => {
      const subject = list.data?.tickets.find((x) => x.id === ticketId)?.subject ?? "Ticket";
      setStatus({ kind: "ok", text: r.changed ? `"${subject}" ${DONE[action]} (contacts: ${r.contactCount}).` : `"${subject}" was already ${DONE[action]}.` });
    },
    onError: (e) => setStatus({ kind: "error", text: toFormError(e).message }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.tickets.list.pathKey() }),
  });
  const busy = act.isPending;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-4">
        <nav aria-label="Tickets shown" className="flex gap-2">
          {VIEWS.map((v) => (
            <button key={v.id} type="button" aria-pressed={view === v.id} onClick={() => { setView(v.id); setPage(1); }}
              className={`rounded-full border px-3 py-1 text-sm ${view === v.id ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}>
              {v.label}
            </button>
          ))}
        </nav>
        {canPickAssignee ? (
          <SelectField id="ticket-assignee" label="Assignee" value={assigneeId} onChange={(e) => { setAssigneeId(e.target.value); setPage(1); }} className="w-60">
            <option value="">Everyone</option>
            {(agents.data?.owners ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </SelectField>
        ) : null}
        {list.data ? <p className="text-sm text-slate-600">{formatCount(list.data.open)} open</p> : null}
      </div>
      <div aria-live="polite" className="empty:hidden">
        {status?.kind === "error" ? <ErrorText testId="ticket-error">{status.text}</ErrorText> : null}
        {status?.kind === "ok" ? <SuccessText testId="ticket-success">{status.text}</SuccessText> : null}
      </div>
      {list.isPending ? (
        <p className="text-sm text-slate-500">Loading tickets…</p>
      ) : list.error ? (
        <ErrorText testId="tickets-load-error">Could not load tickets: {toFormError(list.error).message}</ErrorText>
      ) : list.data.tickets.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white px-5 py-6 text-sm text-slate-500">No tickets here.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="tickets-table">
            <thead>
              <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-4 py-3">Ticket</th>
                <th scope="col" className="px-3 py-3">Status</th>
                <th scope="col" className="px-3 py-3">Opened</th>
                <th scope="col" className="px-3 py-3">First response</th>
                <th scope="col" className="px-3 py-3 text-right">Contacts</th>
                <th scope="col" className="px-3 py-3 text-right">Reopened</th>
                <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.data.tickets.map((t: Ticket) => {
                const resolved = !!t.resolvedAt;
                const available: Action[] = resolved ? ["reopen"] : ["respond", "logContact", "resolve"];
                return (
                  <tr key={t.id} data-testid="ticket-row">
                    <td className="px-4 py-3">
                      <p className="font-medium text-slate-900">{t.subject}</p>
                      <p className="text-xs text-slate-500">{[t.accountName, t.channel.toLowerCase(), t.priority.toLowerCase(), canPickAssignee ? t.assigneeName : null].filter(Boolean).join(" · ")}</p>
                    </td>
                    <td className="px-3 py-3 text-slate-700">{resolved ? `Resolved ${when(t.resolvedAt)}` : t.status === "PENDING" ? "Waiting for customer" : "Open"}</td>
                    <td className="px-3 py-3 text-slate-700">{when(t.openedAt)}</td>
                    <td className="px-3 py-3 text-slate-700">{when(t.firstResponseAt)}</td>
                    <td className="px-3 py-3 text-right tabular-nums" data-testid="ticket-contacts">{t.contactCount}</td>
                    <td className="px-3 py-3 text-right tabular-nums">{t.reopenCount}</td>
                    <td className="px-4 py-3">
                      <div className="flex justify-end gap-2">
                        {available.map((a) => (
                          <button key={a} type="button" className={secondaryButtonClass} disabled={busy} onClick={() => act.mutate({ ticketId: t.id, action: a })} aria-label={`${ACTION_LABELS[a]}: ${t.subject}`}>
                            {ACTION_LABELS[a]}
                          </button>
                        ))}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {list.data && list.data.total > list.data.pageSize ? (
        <div className="flex items-center gap-3 text-sm">
          <button type="button" className={secondaryButtonClass} disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>Previous</button>
          <span>Page {page} of {Math.ceil(list.data.total / list.data.pageSize)}</span>
          <button type="button" className={secondaryButtonClass} disabled={page * list.data.pageSize >= list.data.total} onClick={() => setPage((p) => p + 1)}>Next</button>
        </div>
      ) : null}
    </div>
  );
}
