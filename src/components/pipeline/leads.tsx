"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { formatCount } from "@/components/format";
import { buttonClass, ErrorText, secondaryButtonClass, Spinner, SuccessText, TextField } from "@/components/ui";

type LeadList = RouterOutputs["pipeline"]["listLeads"];
type Lead = LeadList["leads"][number];
type Status = keyof LeadList["counts"];

const STATUS_LABELS: Record<Status, string> = { NEW: "New", CONTACTED: "Contacted", QUALIFIED: "Qualified", NURTURE: "Nurture", LOST: "Lost / disqualified", CONVERTED: "Converted" };
const SETTABLE = ["NEW", "CONTACTED", "QUALIFIED", "NURTURE", "LOST"] as const;
const TABS: (Status | "OPEN")[] = ["OPEN", "NEW", "CONTACTED", "QUALIFIED", "NURTURE", "LOST", "CONVERTED"];

export function LeadFlow() {
  const trpc = useTRPC();
  const [tab, setTab] = useState<Status | "OPEN">("OPEN");
  const [page, setPage] = useState(1);
  const input = { ...(tab === "OPEN" ? {} : { status: tab }), page };
  const leads = useQuery(trpc.pipeline.listLeads.queryOptions(input));
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: React.ReactNode } | null>(null);
  const counts = leads.data?.counts;
  const openCount = counts ? counts.NEW + counts.CONTACTED + counts.QUALIFIED + counts.NURTURE : null;

  return (
    <div className="space-y-4">
      <nav aria-label="Lead status" className="flex flex-wrap gap-2">
        {TABS.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={tab === s}
            onClick={() => { setTab(s); setPage(1); }}
            className={`rounded-full border px-3 py-1 text-sm ${tab === s ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            {s === "OPEN" ? "Open" : STATUS_LABELS[s]} {counts ? `(${formatCount(s === "OPEN" ? openCount! : counts[s])})` : ""}
          </button>
        ))}
      </nav>
      <div aria-live="polite" className="empty:hidden">
        {status?.kind === "error" ? <ErrorText testId="lead-error">{status.text}</ErrorText> : null}
        {status?.kind === "ok" ? <SuccessText testId="lead-success">{status.text}</SuccessText> : null}
      </div>
      {leads.isPending ? (
        <p className="text-sm text-slate-500">Loading leads…</p>
      ) : leads.error ? (
        <ErrorText testId="leads-load-error">Could not load leads: {toFormError(leads.error).message}</ErrorText>
      ) : leads.data.leads.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white px-5 py-6 text-sm text-slate-500">No leads here.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="leads-table">
            <thead>
              <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-4 py-3">Lead</th>
                <th scope="col" className="px-3 py-3 text-right">Score</th>
                <th scope="col" className="px-3 py-3">Source</th>
                <th scope="col" className="px-3 py-3">Created</th>
                <th scope="col" className="px-3 py-3">Status</th>
                <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {leads.data.leads.map((l) => (
                <LeadRow key={l.id} lead={l} onStatus={setStatus} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {leads.data && leads.data.total > leads.data.pageSize ? (
        <div className="flex items-center gap-3 text-sm">
          <button type="button" className={secondaryButtonClass} disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>Previous</button>
          <span>Page {page} of {Math.ceil(leads.data.total / leads.data.pageSize)}</span>
          <button type="button" className={secondaryButtonClass} disabled={page * leads.data.pageSize >= leads.data.total} onClick={() => setPage((p) => p + 1)}>Next</button>
        </div>
      ) : null}
    </div>
  );
}

function LeadRow({ lead: l, onStatus }: { lead: Lead; onStatus: (s: { kind: "ok" | "error"; text: React.ReactNode } | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [converting, setConverting] = useState(false);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.pipeline.listLeads.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.pipeline.getBoard.pathKey() })]);
  const name = `${l.firstName} ${l.lastName}`;
  const setStatusM = useMutation(
    trpc.pipeline.setLeadStatus.mutationOptions({
      onMutate: () => onStatus(null),
      onSuccess: (r) => onStatus({ kind: "ok", text: `${name} is now ${STATUS_LABELS[r.status as Status].toLowerCase()}.` }),
      onError: (e) => onStatus({ kind: "error", text: `Could not change ${name}: ${toFormError(e).message}` }),
      onSettled: refresh,
    }),
  );
  const final = l.status === "CONVERTED";
  return (
    <>
      <tr data-testid="lead-row">
        <td className="px-4 py-3">
          <p className="font-medium text-slate-900">{name}</p>
          <p className="text-xs text-slate-500">{[l.company, l.email].filter(Boolean).join(" · ")}</p>
        </td>
        <td className="px-3 py-3 text-right font-medium text-slate-900" data-testid="lead-score">{l.score}</td>
        <td className="px-3 py-3 text-slate-700">{l.source}</td>
        <td className="px-3 py-3 text-slate-700">{new Date(l.createdAt).toLocaleDateString("en-US", { dateStyle: "medium" })}</td>
        <td className="px-3 py-3">
          {final ? (
            <span className="text-emerald-700">Converted{l.deal ? <> · <Link className="underline" href="/pipeline">{l.deal.name}</Link></> : null}</span>
          ) : (
            <select
              aria-label={`Status of ${name}`}
              value={l.status}
              disabled={setStatusM.isPending}
              onChange={(e) => setStatusM.mutate({ leadId: l.id, status: e.target.value as (typeof SETTABLE)[number] })}
              className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
            >
              {SETTABLE.map((s) => (
                <option key={s} value={s}>{STATUS_LABELS[s]}</option>
              ))}
            </select>
          )}
        </td>
        <td className="px-4 py-3 text-right">
          {!final && l.status !== "LOST" ? (
            <button type="button" className={secondaryButtonClass} aria-expanded={converting} onClick={() => setConverting((x) => !x)}>
              Convert to deal
            </button>
          ) : null}
        </td>
      </tr>
      {converting ? (
        <tr>
          <td colSpan={6} className="bg-slate-50 px-4 py-3">
            <ConvertForm lead={l} onDone={(text) => { setConverting(false); onStatus({ kind: "ok", text }); void refresh(); }} onCancel={() => setConverting(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function ConvertForm({ lead, onDone, onCancel }: { lead: Lead; onDone: (text: React.ReactNode) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const [errors, setErrors] = useState<{ message?: string; fields: Record<string, string[]> }>({ fields: {} });
  const convert = useMutation(
    trpc.pipeline.convertLead.mutationOptions({
      onSuccess: () => onDone(<>Converted {lead.firstName} {lead.lastName} into a deal in the first stage. <Link className="underline" href="/pipeline">Open the pipeline</Link></>),
      onError: (e) => {
        const fe = toFormError(e, ["amount", "dealName", "expectedCloseAt"]);
        setErrors({ message: fe.message, fields: fe.fieldErrors });
      },
    }),
  );
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const amountText = String(form.get("amount") ?? "").trim();
    const amount = Number(amountText);
    if (!amountText || !Number.isFinite(amount) || amount < 0) {
      setErrors({ fields: { amount: ["Enter the expected amount (zero or more)."] } });
      return;
    }
    setErrors({ fields: {} });
    const close = String(form.get("expectedCloseAt") ?? "");
    convert.mutate({ leadId: lead.id, amount, dealName: String(form.get("dealName") ?? "").trim() || undefined, expectedCloseAt: close ? new Date(close) : null });
  }
  const id = `convert-${lead.id}`;
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label={`Convert ${lead.firstName} ${lead.lastName} to a deal`} noValidate>
      <TextField id={`${id}-name`} name="dealName" label="Deal name" placeholder={lead.company ?? `${lead.firstName} ${lead.lastName}`} errors={errors.fields.dealName} className="w-64" />
      <TextField id={`${id}-amount`} name="amount" label="Amount" inputMode="decimal" required errors={errors.fields.amount} className="w-36" />
      <TextField id={`${id}-close`} name="expectedCloseAt" type="date" label="Expected close" errors={errors.fields.expectedCloseAt} className="w-44" />
      <button type="submit" className={buttonClass} disabled={convert.isPending}>
        {convert.isPending ? <Spinner /> : null} Convert
      </button>
      <button type="button" className={secondaryButtonClass} onClick={onCancel}>Cancel</button>
      {errors.message ? <ErrorText testId="convert-error" className="w-full">{errors.message}</ErrorText> : null}
    </form>
  );
}
