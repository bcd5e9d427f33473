import type { Metadata } from "next";
import { requireSession } from "@/server/auth/session";
import { api } from "@/trpc/server";
import { FAMILIES, FAMILY_LABELS } from "@/server/kpi/types";
import { cardClass } from "@/components/ui";

export const metadata: Metadata = { title: "KPI definitions" };

const UNIT_LABELS: Record<string, string> = {
  percent: "%", days: "days", hours: "hours", months: "months", money: "money", count: "count", score: "score", ratio: "ratio", per_day: "per day",
};
const FILTER_LABELS: Record<string, string> = {
  ownerId: "owner", teamId: "team", source: "source", campaignId: "campaign", segment: "segment", channel: "channel", priority: "priority",
};

/** Every KPI in the catalog: what it means and exactly how it is computed. */
export default async function KpiDefinitionsPage() {
  await requireSession();
  const kpis = await (await api()).kpi.list();
  return (
    <div>
      <header className="mb-8">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">KPI definitions</h1>
        <p className="mt-2 max-w-3xl text-sm text-slate-600">
          How every number in Sasaran is computed. Each KPI is calculated in the database for any period and compared with
          the previous period of the same length; a period runs from its start up to, not including, its end (UTC). When a
          value cannot be computed (for example, no customers at the start of the period) Sasaran shows why instead of a number.
        </p>
      </header>
      {FAMILIES.map((family) => {
        const list = kpis.filter((k) => k.family === family);
        return (
          <section key={family} aria-labelledby={`family-${family}`} className="mb-10">
            <h2 id={`family-${family}`} className="mb-4 text-lg font-semibold text-slate-900">
              {FAMILY_LABELS[family]} <span className="text-sm font-normal text-slate-500">({list.length})</span>
            </h2>
            <div className="grid gap-4 lg:grid-cols-2">
              {list.map((k) => (
                <article key={k.id} id={`kpi-${k.id}`} data-testid={`kpi-def-${k.id}`} className={`${cardClass} p-5`}>
                  <div className="flex items-start justify-between gap-3">
                    <h3 className="font-semibold text-slate-900">{k.name}</h3>
                    {k.canRead ? null : (
                      <span className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600" title="Your role does not show this KPI's values">
                        not in your role
                      </span>
                    )}
                  </div>
                  <p className="mt-1 text-sm text-slate-600">{k.description}</p>
                  <p className="mt-3 rounded-md bg-slate-50 px-3 py-2 font-mono text-xs leading-relaxed text-slate-800">{k.formula}</p>
                  <dl className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-500">
                    <div><dt className="inline">Unit: </dt><dd className="inline text-slate-700">{UNIT_LABELS[k.unit] ?? k.unit}</dd></div>
                    <div><dt className="inline">Better when: </dt><dd className="inline text-slate-700">{k.direction === "higher" ? "higher" : "lower"}</dd></div>
                    <div><dt className="inline">Filters: </dt><dd className="inline text-slate-700">{k.filters.length ? k.filters.map((f) => FILTER_LABELS[f] ?? f).join(", ") : "none"}</dd></div>
                    <div><dt className="inline">Id: </dt><dd className="inline font-mono text-slate-700">{k.id}</dd></div>
                  </dl>
                </article>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
