"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/trpc/react";
import { fieldOf, type RecordType } from "@/server/records/definition";
import { definitionOf } from "@/server/records/registry";
import { toFormError } from "@/components/errors";
import { cardClass, dangerButtonClass, ErrorText, secondaryButtonClass, Spinner, SuccessText } from "@/components/ui";
import { ConfirmDialog } from "./confirm-dialog";
import { displayValue } from "./format";
import { RecordForm } from "./record-form";

type Got = RouterOutputs["records"]["get"];

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A record's page: its fields, the edit form, delete (with confirmation) or restore, and its history. */
export function RecordView({ type, id }: { type: RecordType; id: string }) {
  const def = definitionOf(type);
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const got = useQuery(trpc.records.get.queryOptions({ type, id }));
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() });
  const del = useMutation(
    trpc.records.delete.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await refresh();
        router.push(`/records/${type}`);
      },
      onError: (e) => {
        setConfirming(false);
        setProblem(toFormError(e).message);
      },
    }),
  );
  const restore = useMutation(trpc.records.restore.mutationOptions({ onSuccess: refresh, onError: (e) => setProblem(toFormError(e).message) }));

  if (got.error) return <ErrorText testId="record-error">{toFormError(got.error).message}</ErrorText>;
  if (got.isPending)
    return (
      <p aria-busy="true" className="text-sm text-slate-600">
        Loading…
      </p>
    );
  const { record, history, historyLabels, canRestore } = got.data;
  const title = displayValue(fieldOf(def, def.titleField), record.values[def.titleField], record.labels[def.titleField]);

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm">
            <Link href={`/records/${type}`} className="text-indigo-700 hover:underline">
              ← {def.plural}
            </Link>
          </p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900" data-testid="record-title">
            {title === "—" ? `(untitled ${def.label.toLowerCase()})` : title}
          </h1>
          <p className="text-sm text-slate-500">{def.label}</p>
        </div>
        {record.deletedAt ? null : (
          <button type="button" className={dangerButtonClass} onClick={() => setConfirming(true)} data-testid="record-delete">
            Delete
          </button>
        )}
      </header>
      {problem ? <ErrorText testId="record-action-error">{problem}</ErrorText> : null}
      {record.deletedAt ? (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="record-deleted">
          Deleted on {when.format(record.deletedAt)} UTC. It is hidden from lists and numbers.
          {canRestore ? (
            <button type="button" className={secondaryButtonClass} onClick={() => restore.mutate({ type, id })} disabled={restore.isPending}>
              {restore.isPending ? <Spinner /> : null}Restore
            </button>
          ) : null}
        </div>
      ) : null}

      <section className={`${cardClass} p-5`} aria-labelledby="details-heading">
        <h2 id="details-heading" className="text-base font-semibold text-slate-900">
          Details
        </h2>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {def.fields.map((f) => (
            <div key={f.key}>
              <dt className="text-slate-500">
                {f.label}
                {f.readOnly ? <span className="sr-only"> (read-only)</span> : null}
              </dt>
              <dd className="font-medium text-slate-900" data-testid={`value-${f.key}`}>
                {displayValue(f, record.values[f.key], record.labels[f.key])}
              </dd>
            </div>
          ))}
        </dl>
        {def.fields.some((f) => f.readOnly) ? (
          <p className="mt-3 text-xs text-slate-500">
            {type === "deals" ? "Stage and status change on the pipeline board. " : type === "tickets" ? "Status, response and resolution change through the ticket actions. " : ""}
            Dates set by the system are not edited here.
          </p>
        ) : null}
      </section>

      {record.deletedAt ? null : (
        <section className={`${cardClass} p-5`} aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="mb-4 text-base font-semibold text-slate-900">
            Edit
          </h2>
          {saved ? (
            <SuccessText testId="record-form-saved" className="mb-4">
              Saved. The change is in the history below.
            </SuccessText>
          ) : null}
          <RecordForm key={JSON.stringify(record.values)} type={type} id={id} values={record.values} labels={record.labels} onSaved={() => setSaved(true)} />
        </section>
      )}

      <History history={history} labels={historyLabels} type={type} />

      <ConfirmDialog
        open={confirming}
        title={`Delete this ${def.label.toLowerCase()}?`}
        confirmLabel="Delete"
        pending={del.isPending}
        onConfirm={() => del.mutate({ type, id })}
        onCancel={() => setConfirming(false)}
      >
        “{title}” will be hidden from lists, exports and numbers. A manager can restore it; its history is kept.
      </ConfirmDialog>
    </div>
  );
}

const ACTION_WORDS: Record<string, string> = { create: "created", update: "changed", delete: "deleted", restore: "restored", import: "imported", merge: "merged" };

function History({ history, labels, type }: { history: Got["history"]; labels: Record<string, string>; type: RecordType }) {
  const def = definitionOf(type);
  return (
    <section className={`${cardClass} p-5`} aria-labelledby="history-heading">
      <h2 id="history-heading" className="text-base font-semibold text-slate-900">
        History
      </h2>
      {history.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No recorded changes (it was created before the audit log, or by an import).</p>
      ) : (
        <ol className="mt-3 space-y-4" data-testid="record-history">
          {history.map((h) => (
            <li key={h.id} className="border-l-2 border-slate-200 pl-4">
              <p className="text-sm">
                <span className="font-medium text-slate-900">{h.actorName}</span> {ACTION_WORDS[h.action] ?? h.action} it ·{" "}
                <time dateTime={new Date(h.createdAt).toISOString()} className="text-slate-500">
                  {when.format(h.createdAt)} UTC
                </time>
              </p>
              <ChangeList changes={h.changes} labels={labels} def={def} compact={h.action === "delete" || h.action === "restore"} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** field: old → new, for the audit log and the history. */
export function ChangeList({ changes, labels, def, compact }: { changes: unknown; labels: Record<string, string>; def?: ReturnType<typeof definitionOf>; compact?: boolean }) {
  if (!changes || typeof changes !== "object" || compact) return null;
  const entries = Object.entries(changes as Record<string, unknown>);
  if (!entries.length) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
      {entries.map(([key, c]) => {
        const f = def ? fieldOf(def, key) : undefined;
        const pair = c && typeof c === "object" && "to" in c ? (c as { from: unknown; to: unknown }) : null;
        const show = (v: unknown) => (typeof v === "string" && labels[v] ? labels[v] : displayValue(f, v, typeof v === "string" ? (labels[v] ?? v) : null));
        return (
          <li key={key}>
            <span className="text-slate-500">{f?.label ?? key}:</span>{" "}
            {pair ? (
              <>
                <span className="line-through decoration-slate-400">{show(pair.from)}</span> → <span className="font-medium">{show(pair.to)}</span>
              </>
            ) : (
              <span>{JSON.stringify(c)}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
