import { Suspense } from "react";
import { IntentLink } from "@/components/intent-link";
import { api } from "@/trpc/server";
import { formatKpiValue, type KpiUnit } from "@/components/kpi/format";
import { StatusBadge } from "./status-badge";

/**
 * "Goals at risk" for a dashboard (server component): at risk or off track. The CRM manager sees every goal
 * of the organization, anyone else the goals that concern them. Renders nothing when there are none.
 */
export function GoalsAtRisk() {
  // streamed: the dashboard does not wait for the goals' measurements
  return (
    <Suspense fallback={null}>
      <GoalsAtRiskList />
    </Suspense>
  );
}

async function GoalsAtRiskList() {
  let goals: Awaited<ReturnType<Awaited<ReturnType<typeof api>>["goals"]["listAtRisk"]>>;
  try {
    goals = await (await api()).goals.listAtRisk();
  } catch {
    return null; // a role without goals, or goals unavailable: the dashboard itself still shows
  }
  if (!goals.length) return null;
  return (
    <section aria-labelledby="goals-at-risk-heading" data-testid="goals-at-risk" className="mb-6 rounded-xl border border-amber-200 bg-amber-50/60 p-4">
      <h2 id="goals-at-risk-heading" className="text-sm font-semibold text-amber-900">
        Goals at risk ({goals.length})
      </h2>
      <ul className="mt-2 divide-y divide-amber-100 text-sm">
        {goals.slice(0, 5).map((g) => (
          <li key={g.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <IntentLink href={`/goals/${g.id}`} className="min-w-0 truncate font-medium text-slate-900 hover:underline">
              {g.title}
            </IntentLink>
            <span className="flex items-center gap-3 text-xs text-slate-600">
              <span>
                {g.kpiName}: {formatKpiValue(g.progress?.current, g.unit as KpiUnit)} → {formatKpiValue(g.progress?.target, g.unit as KpiUnit)}
              </span>
              {g.progress ? <StatusBadge status={g.progress.status} /> : null}
            </span>
          </li>
        ))}
      </ul>
      {goals.length > 5 ? (
        <IntentLink href="/goals" className="mt-1 inline-block text-xs font-medium text-amber-900 hover:underline">
          All {goals.length} goals at risk →
        </IntentLink>
      ) : null}
    </section>
  );
}
