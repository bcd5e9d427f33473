"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { formatCount } from "@/components/format";
import { cardClass, dangerButtonClass, ErrorText, secondaryButtonClass, Spinner, SuccessText } from "@/components/ui";

type Overview = RouterOutputs["dataQuality"]["getOverview"];
type DupKind = Overview["duplicates"][number];
type Group = DupKind["groups"][number];

const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)}%`);
const ENTITY_LABEL: Record<string, string> = { Account: "Accounts", Contact: "Contacts", Lead: "Leads" };

export function DataQualityView() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.dataQuality.getOverview.queryOptions());
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  if (overview.isPending) return <p className="text-sm text-slate-500">Checking the data…</p>;
  if (overview.error) return <ErrorText testId="dq-load-error">Could not load the data-quality view: {toFormError(overview.error).message}</ErrorText>;
  const o = overview.data;
  return (
    <div className="space-y-6">
      <section aria-labelledby="completeness-heading" className={cardClass}>
        <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-5 py-4">
          <h2 id="completeness-heading" className="text-base font-semibold text-slate-900">Completeness of key fields</h2>
          <p className="text-sm text-slate-600">Overall <span className="font-semibold" data-testid="dq-overall">{pct(o.overallCompleteness)}</span> (the Data completeness KPI, now)</p>
        </div>
        <div className="grid grid-cols-1 gap-6 p-5 md:grid-cols-3">
          {o.completeness.map((e) => (
            <div key={e.entity}>
              <h3 className="text-sm font-semibold text-slate-800">{ENTITY_LABEL[e.entity] ?? e.entity} <span className="font-normal text-slate-500">({formatCount(e.total)})</span></h3>
              <ul className="mt-2 space-y-2">
                {e.fields.map((f) => (
                  <li key={f.field} className="text-sm">
                    <div className="flex justify-between"><span className="text-slate-700">{f.field}</span><span className="tabular-nums text-slate-600">{pct(f.percent)} · {formatCount(f.missing)} missing</span></div>
                    <div className="mt-1 h-2 rounded bg-slate-100" aria-hidden="true"><div className="h-2 rounded bg-indigo-500" style={{ width: `${f.percent ?? 0}%` }} /></div>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>
      <div aria-live="polite" className="empty:hidden">
        {status?.kind === "error" ? <ErrorText testId="merge-error">{status.text}</ErrorText> : null}
        {status?.kind === "ok" ? <SuccessText testId="merge-success">{status.text}</SuccessText> : null}
      </div>
      {o.duplicates.map((d) => <DuplicateSection key={d.kind} kind={d} onStatus={setStatus} />)}
    </div>
  );
}

function DuplicateSection({ kind: d, onStatus }: { kind: DupKind; onStatus: (s: { kind: "ok" | "error"; text: string } | null) => void }) {
  return (
    <section aria-labelledby={`dup-${d.kind}`} className={cardClass} data-testid={`dup-${d.kind}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-5 py-4">
        <h2 id={`dup-${d.kind}`} className="text-base font-semibold text-slate-900">{d.label}</h2>
        <p className="text-sm text-slate-600">{formatCount(d.groupCount)} groups · {formatCount(d.recordCount)} records{d.groupCount > d.groups.length ? ` (largest ${d.groups.length} shown)` : ""}</p>
      </div>
      {d.groups.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">No duplicates found.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {d.groups.map((g) => <GroupRow key={g.key} group={g} entity={d.entity} kind={d.kind} onStatus={onStatus} />)}
        </ul>
      )}
    </section>
  );
}

function GroupRow({ group: g, entity, kind, onStatus }: { group: Group; entity: string; kind: string; onStatus: (s: { kind: "ok" | "error"; text: string } | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [keep, setKeep] = useState(g.records[0]!.id);
  const [confirming, setConfirming] = useState(false);
  const options = {
    onMutate: () => onStatus(null),
    onSuccess: (r: { merged: number }) => { setConfirming(false); onStatus({ kind: "ok" as const, text: `Merged ${r.merged} ${r.merged === 1 ? "record" : "records"} into "${g.records.find((x) => x.id === keep)?.name}".` }); },
    onError: (e: unknown) => onStatus({ kind: "error" as const, text: toFormError(e).message }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.dataQuality.getOverview.queryKey() }),
  };
  const mergeAccounts = useMutation(trpc.dataQuality.mergeAccounts.mutationOptions(options));
  const mergeContacts = useMutation(trpc.dataQuality.mergeContacts.mutationOptions(options));
  const merge = entity === "Account" ? mergeAccounts : mergeContacts;
  const others = g.records.filter((r) => r.id !== keep);
  const kept = g.records.find((r) => r.id === keep)!;
  const noun = entity === "Account" ? "accounts" : "contacts";
  return (
    <li className="px-5 py-4" data-testid="dup-group">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">“{g.key.split("|")[0]}” — choose the record to keep</legend>
        <ul className="mt-2 space-y-1">
          {g.records.map((r) => (
            <li key={r.id}>
              <label className="flex flex-wrap items-baseline gap-x-2 text-sm">
                <input type="radio" name={`keep-${kind}-${g.key}`} value={r.id} checked={keep === r.id} onChange={() => { setKeep(r.id); setConfirming(false); }} />
                <span className="font-medium text-slate-900">{r.name}</span>
                <span className="text-slate-600">{[r.detail, r.accountName].filter(Boolean).join(" · ")}</span>
                <span className="text-xs text-slate-500">
                  created {new Date(r.createdAt).toLocaleDateString("en-US", { dateStyle: "medium" })} · {r.tickets} tickets{entity === "Account" ? ` · ${r.deals} deals` : ""}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {!confirming ? (
          <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(true)}>
            Merge {others.length} into the kept record…
          </button>
        ) : (
          <div role="group" aria-label="Confirm merge" className="flex flex-wrap items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <span>
              Merge {others.length} {noun} into “{kept.name}”? Their {entity === "Account" ? "contacts, deals, tickets, purchases and activities" : "tickets and survey answers"} move to it and they are deleted.
            </span>
            <button type="button" className={dangerButtonClass} disabled={merge.isPending} onClick={() => merge.mutate({ survivorId: keep, duplicateIds: others.map((r) => r.id) })}>
              {merge.isPending ? <Spinner /> : null} Confirm merge
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        )}
      </div>
    </li>
  );
}
