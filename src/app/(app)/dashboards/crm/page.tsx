import type { Metadata } from "next";
import { GoalsAtRisk } from "@/components/goals/goals-at-risk";
import { requirePermission } from "@/server/auth/session";
import { ROLES } from "@/server/auth/permissions";
import { KPIS } from "@/server/kpi/catalog";
import { roleKpiIds } from "@/server/kpi/role-sets";
import { FAMILY_LABELS } from "@/server/kpi/types";
import Link from "next/link";
import { api } from "@/trpc/server";
import { KpiGrid } from "@/components/kpi/kpi-card";
import { StackedBarChart, TrendChart } from "@/components/kpi/charts";
import { DashboardHeader, Panel, Problem, StreamedSection } from "../_components/parts";
import { attempt, labelsOf, loadKpis, seriesOf, viewPeriod } from "../_lib/load";
import { readView, type SearchParams, type View } from "../_lib/view";

export const metadata: Metadata = { title: "CRM dashboard · Sasaran" };

type Caller = Awaited<ReturnType<typeof api>>;
type Props = { caller: Caller; view: View; ids: string[] };

/** The CRM manager's dashboard: customer KPIs, a headline per family, adoption and data quality; each section streams in. */
export default async function CrmDashboard({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requirePermission("kpi:adoption");
  const view = readView(await searchParams, { owner: true, team: true });
  const ids = roleKpiIds(session.user.role);
  const caller = await api();
  const options = await caller.kpi.getFilterOptions({ roles: [...ROLES] });
  const resolved = viewPeriod(view);
  const header = (
    <DashboardHeader
      testId="dashboard-title"
      title="CRM dashboard"
      subtitle="Customers, every family's headline numbers, CRM adoption and data quality."
      period={resolved.ok ? resolved.period : undefined}
      picker={view.picker}
      pickerKey={view.query}
      owners={options.owners}
      teams={options.teams}
    />
  );
  if (!resolved.ok) return (<div>{header}<Problem>{resolved.problem}</Problem></div>);
  const props: Props = { caller, view, ids };

  return (
    <div data-testid="dashboard-crm">
      {header}
      <GoalsAtRisk />
      <StreamedSection id="customer" title={FAMILY_LABELS.customer} hint="Retention, churn, lifetime value, margin and renewals of the customer base." skeleton={[{ cards: 8 }, { panels: [240, 240] }]} body={CustomerSection(props)} />
      <StreamedSection id="families" title="Every family at a glance" hint="The headline KPI of each family; the managers' dashboards have the detail." skeleton={[{ cards: 6 }]} body={FamiliesSection(props)} />
      <StreamedSection id="adoption" title={FAMILY_LABELS.adoption} hint="Who uses the CRM, how much, and how clean the records are." skeleton={[{ cards: 7 }, { panels: [240, 240] }]} body={AdoptionSection(props)} />
    </div>
  );
}

const inFamily = (ids: string[], f: string) => KPIS.filter((k) => k.family === f && ids.includes(k.id)).map((k) => k.id);

async function CustomerSection({ caller, view, ids }: Props) {
  const loaded = await attempt(() => loadKpis(caller, inFamily(ids, "customer"), view));
  if (!loaded.ok) return <Problem>{loaded.problem}</Problem>;
  const { kpis } = loaded.data;
  const labels = labelsOf(kpis);
  return (
    <>
      <KpiGrid kpis={kpis} drillQuery={`${view.query}&from=crm`} testId="grid-customer" />
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel title="Retention and churn" hint="per bucket of the period">
          <TrendChart
            name="retention-churn"
            title="Customer retention rate and churn rate over the period"
            labels={labels}
            series={[
              { label: "Retention rate", unit: "percent", values: seriesOf(kpis, "customer_retention_rate"), color: "#059669" },
              { label: "Churn rate", unit: "percent", values: seriesOf(kpis, "churn_rate"), color: "#dc2626", axis: "right" },
            ]}
          />
        </Panel>
        <Panel title="New customers" hint="accounts that became customers, per bucket">
          <StackedBarChart name="new-customers" title="New customers per bucket of the period" labels={labels} series={[{ label: "New customers", values: seriesOf(kpis, "new_customers").map((v) => v ?? 0) }]} height={240} time />
        </Panel>
      </div>
    </>
  );
}

async function FamiliesSection({ caller, view, ids }: Props) {
  const headlineIds = ids.filter((id) => !inFamily(ids, "customer").includes(id) && !inFamily(ids, "adoption").includes(id));
  const loaded = await attempt(() => loadKpis(caller, headlineIds, view));
  if (!loaded.ok) return <Problem>{loaded.problem}</Problem>;
  const { kpis } = loaded.data;
  const byFamily = (id: string) => KPIS.find((k) => k.id === id)?.family;
  return (
    <>
      <div className="mb-3 flex flex-wrap gap-2 text-xs">
        {(["sales", "support"] as const).map((f) => (
          <Link key={f} href={`/dashboards/${f}?${view.query}`} className="rounded-full bg-indigo-50 px-3 py-1 font-medium text-indigo-700 hover:bg-indigo-100">
            {FAMILY_LABELS[f]} dashboard →
          </Link>
        ))}
      </div>
      <KpiGrid kpis={[...kpis].sort((a, b) => String(byFamily(a.id)).localeCompare(String(byFamily(b.id))))} drillQuery={`${view.query}&from=crm`} testId="grid-headlines" />
    </>
  );
}

async function AdoptionSection({ caller, view, ids }: Props) {
  const loaded = await attempt(() => loadKpis(caller, inFamily(ids, "adoption"), view));
  if (!loaded.ok) return <Problem>{loaded.problem}</Problem>;
  const { kpis } = loaded.data;
  const labels = labelsOf(kpis);
  return (
    <>
      <KpiGrid kpis={kpis} drillQuery={`${view.query}&from=crm`} testId="grid-adoption" />
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel title="Records created and updated per active user">
          <TrendChart
            name="records-per-user"
            title="Records created and updated per active user over the period"
            labels={labels}
            series={[
              { label: "Created per user", unit: "ratio", values: seriesOf(kpis, "records_created_per_user") },
              { label: "Updated per user", unit: "ratio", values: seriesOf(kpis, "records_updated_per_user") },
            ]}
          />
        </Panel>
        <Panel title="Data quality" hint="completeness should rise, duplicates fall">
          <TrendChart
            name="data-quality"
            title="Data completeness and duplicate rate over the period"
            labels={labels}
            series={[
              { label: "Completeness", unit: "percent", values: seriesOf(kpis, "data_completeness"), color: "#059669" },
              { label: "Duplicate rate", unit: "percent", values: seriesOf(kpis, "duplicate_rate"), color: "#d97706", axis: "right" },
            ]}
          />
        </Panel>
      </div>
    </>
  );
}
