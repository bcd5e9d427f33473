import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSession } from "@/server/auth/session";
import { getKpi } from "@/server/kpi/catalog";
import { api } from "@/trpc/server";
import { formatCell, formatKpiValue, formatRange } from "@/components/kpi/format";
import { PeriodPicker } from "@/components/kpi/period-picker";
import { secondaryButtonClass } from "@/components/ui";
import { Empty, Problem } from "../../_components/parts";
import { attempt } from "../../_lib/load";
import { readPage, readView, type SearchParams, type ViewFilters } from "../../_lib/view";

export const metadata: Metadata = { title: "Records behind a KPI · Sasaran" };

const PAGE_SIZE = 25;
const BACK: Record<string, { href: string; label: string }> = {
  crm: { href: "/dashboards/crm", label: "CRM dashboard" },
  sales: { href: "/dashboards/sales", label: "Sales & marketing dashboard" },
  support: { href: "/dashboards/support", label: "Support dashboard" },
  my: { href: "/my", label: "My work" },
};

/** The records behind a KPI value for the view's period and filters, paginated on the server. */
export default async function DrillDownPage({ params, searchParams }: { params: Promise<{ kpiId: string }>; searchParams: Promise<SearchParams> }) {
  await requireSession();
  const { kpiId } = await params;
  const kpi = getKpi(kpiId);
  if (!kpi) notFound();
  const sp = await searchParams;
  const accepts = kpi.filters as readonly string[];
  const view = readView(sp, { owner: accepts.includes("ownerId"), team: accepts.includes("teamId"), channel: accepts.includes("channel"), priority: accepts.includes("priority") });
  const page = readPage(sp);
  const fromKey = typeof sp.from === "string" && sp.from in BACK ? sp.from : undefined;
  const back = fromKey ? BACK[fromKey]! : { href: "/", label: "Home" };
  const keep = new URLSearchParams(view.query);
  if (fromKey) keep.set("from", fromKey);
  const backHref = `${back.href}?${view.query}`;
  const pageHref = (n: number) => {
    const p = new URLSearchParams(keep);
    if (n > 1) p.set("page", String(n));
    return `/dashboards/drill/${kpi.id}?${p.toString()}`;
  };

  const caller = await api();
  const filters: ViewFilters = view.filters;
  const res = kpi.drill
    ? await attempt(() =>
        Promise.all([
          caller.kpi.drillDown({ kpiId: kpi.id, period: view.period, filters, page, pageSize: PAGE_SIZE }),
          caller.kpi.get({ kpiId: kpi.id, period: view.period, filters, series: false }),
        ]),
      )
    : null;

  return (
    <div data-testid="drill-page">
      <Link href={backHref} data-testid="drill-back" className="text-sm font-medium text-indigo-700 hover:underline">
        ← Back to {back.label}
      </Link>
      <header className="mt-3 mb-4">
        <h1 data-testid="drill-title" className="text-2xl font-semibold tracking-tight text-slate-900">
          {kpi.name}
        </h1>
        {res?.ok ? (
          <p className="mt-1 text-sm text-slate-600">
            {res.data[0].title} · {formatRange(res.data[0].range)} · value{" "}
            <span data-testid="drill-kpi-value" className="font-semibold text-slate-900">
              {formatKpiValue(res.data[1].kpi.current.value, kpi.unit)}
            </span>{" "}
            <Link href={`/kpis#kpi-${kpi.id}`} className="text-indigo-700 hover:underline">
              How is this computed?
            </Link>
          </p>
        ) : null}
      </header>
      <div className="mb-4">
        <PeriodPicker key={view.query} value={view.picker} />
      </div>
      {!kpi.drill ? (
        <Empty>This KPI has no record list.</Empty>
      ) : !res!.ok ? (
        <Problem>{res!.problem}</Problem>
      ) : res!.data[0].rows.length === 0 ? (
        <Empty>No records in this period</Empty>
      ) : (
        <DrillTable data={res!.data[0]} pageHref={pageHref} />
      )}
    </div>
  );
}

type Drill = { columns: readonly { key: string; label: string; type?: "date" | "money" | "number" | "text" }[]; rows: Record<string, unknown>[]; total: number; page: number; pageSize: number; title: string };

function DrillTable({ data, pageHref }: { data: Drill; pageHref: (n: number) => string }) {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const first = (data.page - 1) * data.pageSize + 1;
  return (
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="overflow-x-auto">
        <table data-testid="drill-table" className="min-w-full text-left text-sm">
          <caption className="sr-only">{data.title}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              {data.columns.map((c) => (
                <th key={c.key} scope="col" className={`whitespace-nowrap px-3 py-2.5 font-medium ${c.type === "money" || c.type === "number" ? "text-right" : ""}`}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r, i) => (
              <tr key={String(r.id ?? i)} className="border-b border-slate-100 last:border-0">
                {data.columns.map((c) => (
                  <td key={c.key} className={`max-w-xs truncate px-3 py-2 text-slate-700 ${c.type === "money" || c.type === "number" ? "text-right tabular-nums" : ""}`}>
                    {formatCell(r[c.key], c.type)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-3 py-2 text-sm text-slate-600">
        <p data-testid="drill-count">
          {first.toLocaleString("en-US")}–{(first + data.rows.length - 1).toLocaleString("en-US")} of {data.total.toLocaleString("en-US")}
        </p>
        <div className="flex gap-2">
          {data.page > 1 ? (
            <Link href={pageHref(data.page - 1)} className={secondaryButtonClass} data-testid="drill-prev">
              Previous
            </Link>
          ) : null}
          <span className="self-center text-xs">
            Page {data.page} of {pages}
          </span>
          {data.page < pages ? (
            <Link href={pageHref(data.page + 1)} className={secondaryButtonClass} data-testid="drill-next">
              Next
            </Link>
          ) : null}
        </div>
      </nav>
    </div>
  );
}
