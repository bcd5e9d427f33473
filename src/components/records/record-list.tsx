"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { FormEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { filterFields, fieldOf, type RecordType } from "@/server/records/definition";
import { definitionOf } from "@/server/records/registry";
import { DEFAULT_PAGE_SIZE, listQueryFromSearch, searchFromListQuery, type ListQuery } from "@/server/records/list-params";
import type { FieldDef } from "@/server/records/fields";
import { toFormError } from "@/components/errors";
import { buttonClass, cardClass, ErrorText, inputClass, secondaryButtonClass } from "@/components/ui";
import { displayValue, humanizeEnum } from "./format";
import { SMALL_REFS, useRefOptions } from "./ref-field";

type Query = ListQuery & { page?: number };

/** The list of a record type: search, filters, sort and page live in the URL (shareable, back button works). */
export function RecordList({ type, canCreate }: { type: RecordType; canCreate: boolean }) {
  const def = definitionOf(type);
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query: Query = listQueryFromSearch(new URLSearchParams(params.toString()));
  const page = query.page ?? 1;
  const list = useQuery({ ...trpc.records.list.queryOptions({ ...query, type, page, pageSize: DEFAULT_PAGE_SIZE }), placeholderData: keepPreviousData });
  const columns = def.fields.filter((f) => f.list);
  const go = (next: Query) => router.replace(`${pathname}?${searchFromListQuery(next).toString()}`, { scroll: false });
  const exportHref = `/api/export/${type}?${searchFromListQuery({ ...query, page: undefined }).toString()}`;
  const totalPages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;
  const activeSort = query.sort ?? def.defaultSort.field;
  const activeDir = query.dir ?? (query.sort ? "asc" : def.defaultSort.dir);

  function sortBy(field: string) {
    const dir = activeSort === field && activeDir === "asc" ? "desc" : "asc";
    go({ ...query, sort: field, dir, page: undefined });
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        {canCreate && !query.deleted ? (
          <Link href={`/records/${type}/new`} className={buttonClass} data-testid="record-new">
            New {def.label.toLowerCase()}
          </Link>
        ) : null}
        <a href={exportHref} className={secondaryButtonClass} data-testid="record-export" download>
          Export CSV
        </a>
        {list.data?.canRestore ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" className="size-4 rounded border-slate-300" checked={!!query.deleted} onChange={(e) => go({ ...query, deleted: e.target.checked || undefined, page: undefined })} />
            Show deleted
          </label>
        ) : null}
      </div>

      <Filters key={params.toString()} type={type} query={query} onApply={(q) => go({ ...q, sort: query.sort, dir: query.dir, deleted: query.deleted })} />

      <section className={cardClass} aria-labelledby="records-heading" aria-busy={list.isFetching}>
        <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-5 py-3">
          <h2 id="records-heading" className="text-base font-semibold text-slate-900">
            {query.deleted ? `Deleted ${def.plural.toLowerCase()}` : def.plural}
          </h2>
          <p className="text-sm text-slate-500" aria-live="polite" data-testid="record-count">
            {list.data ? `${list.data.total.toLocaleString("en-US")}${list.data.capped ? "+" : ""} ${list.data.total === 1 && !list.data.capped ? "record" : "records"}` : list.isPending ? "Loading…" : ""}
          </p>
        </div>
        {list.error ? (
          <div className="p-5">
            <ErrorText testId="record-list-error">{toFormError(list.error).message}</ErrorText>
          </div>
        ) : list.isPending ? (
          <div className="animate-pulse space-y-2 p-5" aria-hidden="true">
            {Array.from({ length: 5 }, (_, i) => (
              <div key={i} className="h-6 rounded bg-slate-100" />
            ))}
          </div>
        ) : list.data.rows.length === 0 ? (
          <p className="px-5 py-10 text-center text-sm text-slate-600" data-testid="record-empty">
            {query.q || query.filters || query.from || query.to ? "Nothing matches these filters." : query.deleted ? "Nothing has been deleted." : `No ${def.plural.toLowerCase()} yet.`}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="record-table">
              <caption className="sr-only">
                {def.plural}, page {page} of {totalPages}
              </caption>
              <thead className="bg-slate-50">
                <tr>
                  {columns.map((f) => (
                    <th key={f.key} scope="col" className="whitespace-nowrap px-4 py-2 text-left font-medium text-slate-600" aria-sort={activeSort === f.key ? (activeDir === "asc" ? "ascending" : "descending") : undefined}>
                      {f.sortable ? (
                        <button type="button" className="inline-flex items-center gap-1 rounded hover:text-slate-900" onClick={() => sortBy(f.key)}>
                          {f.label}
                          <span aria-hidden="true">{activeSort === f.key ? (activeDir === "asc" ? "▲" : "▼") : "↕"}</span>
                        </button>
                      ) : (
                        f.label
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.data.rows.map((r) => (
                  <tr key={r.id} className="hover:bg-slate-50">
                    {columns.map((f, i) => (
                      <td key={f.key} className={`px-4 py-2 ${f.kind === "money" || f.kind === "int" ? "text-right tabular-nums" : ""}`}>
                        {i === 0 ? (
                          <Link href={`/records/${type}/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                            {displayValue(f, r.values[f.key], r.labels[f.key]) === "—" ? "(untitled)" : displayValue(f, r.values[f.key], r.labels[f.key])}
                          </Link>
                        ) : (
                          displayValue(f, r.values[f.key], r.labels[f.key])
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.data && list.data.total > list.data.pageSize ? (
          <nav aria-label="Pages" className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm">
            <button type="button" className={secondaryButtonClass} disabled={page <= 1} onClick={() => go({ ...query, page: page - 1 })}>
              Previous
            </button>
            <span className="text-slate-600">
              Page {page} of {totalPages.toLocaleString("en-US")}
              {list.data.capped ? "+" : ""}
            </span>
            <button type="button" className={secondaryButtonClass} disabled={page >= totalPages && !list.data.capped} onClick={() => go({ ...query, page: page + 1 })}>
              Next
            </button>
          </nav>
        ) : null}
      </section>
    </div>
  );
}

function Filters({ type, query, onApply }: { type: RecordType; query: Query; onApply: (q: Query) => void }) {
  const def = definitionOf(type);
  const dateLabel = fieldOf(def, def.dateField)?.label ?? "Date";
  const shown = filterFields(def).filter((f) => f.kind !== "ref" || SMALL_REFS.has(f.ref!));

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const filters: Record<string, string> = {};
    for (const f of shown) {
      const v = String(data.get(f.key) ?? "");
      if (v) filters[f.key] = v;
    }
    // filters set in the URL that have no control here (e.g. accountId from a link) are kept
    for (const [k, v] of Object.entries(query.filters ?? {})) if (!shown.some((f) => f.key === k)) filters[k] = v;
    const s = (k: string) => String(data.get(k) ?? "").trim() || undefined;
    onApply({ q: s("q"), from: s("from"), to: s("to"), filters: Object.keys(filters).length ? filters : undefined });
  }

  return (
    <form onSubmit={submit} role="search" aria-label={`Search and filter ${def.plural.toLowerCase()}`} className={`${cardClass} flex flex-wrap items-end gap-3 p-4`}>
      <div className="min-w-48 flex-1">
        <label htmlFor="filter-q" className="mb-1 block text-sm font-medium text-slate-700">
          Search
        </label>
        <input id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={def.searchFields.map((k) => fieldOf(def, k)?.label.toLowerCase()).join(", ")} className={inputClass} />
      </div>
      {shown.map((f) => (
        <FilterSelect key={f.key} type={type} f={f} value={query.filters?.[f.key] ?? ""} />
      ))}
      <div>
        <label htmlFor="filter-from" className="mb-1 block text-sm font-medium text-slate-700">
          {dateLabel} from
        </label>
        <input id="filter-from" name="from" type="date" defaultValue={query.from ?? ""} className={inputClass} />
      </div>
      <div>
        <label htmlFor="filter-to" className="mb-1 block text-sm font-medium text-slate-700">
          {dateLabel} to
        </label>
        <input id="filter-to" name="to" type="date" defaultValue={query.to ?? ""} className={inputClass} />
      </div>
      <button type="submit" className={buttonClass}>
        Apply
      </button>
      <button type="button" className={secondaryButtonClass} onClick={() => onApply({})}>
        Clear
      </button>
    </form>
  );
}

function FilterSelect({ type, f, value }: { type: RecordType; f: FieldDef; value: string }) {
  const options = useRefOptions(type, f.key, "", f.kind === "ref");
  const id = `filter-${f.key}`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {f.label}
      </label>
      <select id={id} name={f.key} defaultValue={value} className={inputClass}>
        <option value="">Any</option>
        {f.kind === "enum" ? f.options!.map((o) => <option key={o} value={o}>{humanizeEnum(o)}</option>) : null}
        {f.kind === "bool" ? (
          <>
            <option value="true">Yes</option>
            <option value="false">No</option>
          </>
        ) : null}
        {f.kind === "ref" ? (
          <>
            {f.ref === "user" ? <option value="me">Me</option> : null}
            {(options.data ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
            {/* a value from the URL that is not among the choices stays selectable */}
            {value && value !== "me" && value !== "none" && !(options.data ?? []).some((o) => o.id === value) ? <option value={value}>{options.isPending ? "Loading…" : "(selected)"}</option> : null}
            {!f.required ? <option value="none">None</option> : null}
          </>
        ) : null}
      </select>
    </div>
  );
}
