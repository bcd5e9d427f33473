"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { FormEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { definitionForEntity } from "@/server/records/registry";
import { toFormError } from "@/components/errors";
import { buttonClass, cardClass, ErrorText, inputClass, secondaryButtonClass } from "@/components/ui";
import { humanizeEnum } from "./format";
import { ChangeList } from "./record-view";

const ACTIONS = ["create", "update", "delete", "restore", "import", "merge"] as const;
type Action = (typeof ACTIONS)[number];
const PAGE_SIZE = 50;
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const FILTER_KEYS = ["actorId", "entityType", "action", "from", "to"] as const;

/** The audit log with its filters in the URL. Read-only. */
export function AuditLog() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const get = (k: string) => params.get(k) || undefined;
  const page = Math.max(1, Number(get("page")) || 1);
  const action = get("action");
  const input = {
    actorId: get("actorId"),
    entityType: get("entityType"),
    action: ACTIONS.includes(action as Action) ? (action as Action) : undefined,
    from: get("from"),
    to: get("to"),
    page,
    pageSize: PAGE_SIZE,
  };
  const log = useQuery({ ...trpc.audit.list.queryOptions(input), placeholderData: keepPreviousData });
  const go = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
    router.replace(`${pathname}?${p.toString()}`, { scroll: false });
  };
  const totalPages = log.data ? Math.max(1, Math.ceil(log.data.total / PAGE_SIZE)) : 1;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    go(Object.fromEntries(FILTER_KEYS.map((k) => [k, String(data.get(k) ?? "") || undefined])));
  }

  return (
    <div className="space-y-4">
      <form key={params.toString()} onSubmit={submit} role="search" aria-label="Filter the audit log" className={`${cardClass} flex flex-wrap items-end gap-3 p-4`}>
        <Select id="audit-actor" name="actorId" label="Person" value={input.actorId} options={(log.data?.people ?? []).map((p) => [p.id, p.name])} />
        <Select id="audit-type" name="entityType" label="Record type" value={input.entityType} options={(log.data?.entityTypes ?? []).map((t) => [t, t])} />
        <Select id="audit-action" name="action" label="Action" value={input.action} options={ACTIONS.map((a) => [a, humanizeEnum(a)])} />
        <div>
          <label htmlFor="audit-from" className="mb-1 block text-sm font-medium text-slate-700">
            From
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={input.from ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="audit-to" className="mb-1 block text-sm font-medium text-slate-700">
            To
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={input.to ?? ""} className={inputClass} />
        </div>
        <button type="submit" className={buttonClass}>
          Apply
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => go({})}>
          Clear
        </button>
      </form>

      <section className={cardClass} aria-labelledby="audit-heading" aria-busy={log.isFetching}>
        <div className="flex items-baseline justify-between border-b border-slate-200 px-5 py-3">
          <h2 id="audit-heading" className="text-base font-semibold text-slate-900">
            Entries
          </h2>
          <p className="text-sm text-slate-500" aria-live="polite">
            {log.data ? `${log.data.total.toLocaleString("en-US")}${log.data.capped ? "+" : ""} entries` : log.isPending ? "Loading…" : ""}
          </p>
        </div>
        {log.error ? (
          <div className="p-5">
            <ErrorText testId="audit-error">{toFormError(log.error).message}</ErrorText>
          </div>
        ) : log.isPending ? (
          <p className="p-5 text-sm text-slate-600">Loading…</p>
        ) : log.data.rows.length === 0 ? (
          <p className="px-5 py-10 text-center text-sm text-slate-600" data-testid="audit-empty">
            No entries match these filters.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
              <caption className="sr-only">Audit log, newest first, page {page} of {totalPages}</caption>
              <thead className="bg-slate-50">
                <tr>
                  {["When (UTC)", "Who", "Action", "Record", "Changes"].map((h) => (
                    <th key={h} scope="col" className="whitespace-nowrap px-4 py-2 text-left font-medium text-slate-600">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {log.data.rows.map((r) => {
                  const def = definitionForEntity(r.entityType);
                  return (
                    <tr key={r.id}>
                      <td className="whitespace-nowrap px-4 py-2 text-slate-600">
                        <time dateTime={new Date(r.createdAt).toISOString()}>{when.format(r.createdAt)}</time>
                      </td>
                      <td className="px-4 py-2">{r.actorName}</td>
                      <td className="px-4 py-2">{humanizeEnum(r.action)}</td>
                      <td className="px-4 py-2">
                        {def && r.entityId ? (
                          <Link href={`/records/${def.type}/${r.entityId}`} className="text-indigo-700 hover:underline">
                            {def.label} {r.entityId.slice(0, 8)}
                          </Link>
                        ) : (
                          `${r.entityType}${r.entityId ? ` ${r.entityId.slice(0, 8)}` : ""}`
                        )}
                      </td>
                      <td className="px-4 py-2">
                        <ChangeList changes={r.changes} labels={{}} def={def} compact={r.action === "delete" || r.action === "restore"} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {log.data && log.data.total > PAGE_SIZE ? (
          <nav aria-label="Pages" className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm">
            <button type="button" className={secondaryButtonClass} disabled={page <= 1} onClick={() => go({ ...Object.fromEntries(params), page: String(page - 1) })}>
              Previous
            </button>
            <span className="text-slate-600">
              Page {page} of {totalPages.toLocaleString("en-US")}
              {log.data.capped ? "+" : ""}
            </span>
            <button type="button" className={secondaryButtonClass} disabled={page >= totalPages && !log.data.capped} onClick={() => go({ ...Object.fromEntries(params), page: String(page + 1) })}>
              Next
            </button>
          </nav>
        ) : null}
      </section>
    </div>
  );
}

function Select({ id, name, label, value, options }: { id: string; name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={inputClass}>
        <option value="">Any</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
        {value && !options.some(([v]) => v === value) ? <option value={value}>(selected)</option> : null}
      </select>
    </div>
  );
}
