import type { Metadata } from "next";
import { GoalsAtRisk } from "@/components/goals/goals-at-risk";
import { requirePermission } from "@/server/auth/session";
import { roleKpiIds } from "@/server/kpi/role-sets";
import { api } from "@/trpc/server";
import { KpiGrid } from "@/components/kpi/kpi-card";
import { FunnelChart, StackedBarChart, TrendChart } from "@/components/kpi/charts";
import { formatKpiValue } from "@/components/kpi/format";
import type { KpiView } from "@/components/kpi/types";
import { DashboardHeader, Panel, Problem, StreamedSection, Table, Empty } from "../_components/parts";
import { attempt, labelsOf, loadKpis, only, peopleFilters, pick, seriesOf, viewPeriod } from "../_lib/load";
import { readView, type SearchParams, type View } from "../_lib/view";

export const metadata: Metadata = { title: "Sales & marketing dashboard · Sasaran" };

const LEADS = ["leads_created", "lead_conversion_rate", "calls_per_lead", "email_list_growth_rate"];
const DEALS = ["win_rate", "won_deals", "new_revenue", "new_revenue_6m", "new_revenue_12m", "sales_cycle_days", "sales_cycle_median_days", "open_deals", "pipeline_value", "cross_sell_ratio", "referrals"];
const COST = ["cac", "cac_payback_months", "cost_per_lead", "campaign_conversion_rate", "campaign_roi"];

const value = (kpis: KpiView[], id: string) => kpis.find((k) => k.id === id)?.current.value ?? null;
const pct = (v: { value: number | null; reason?: string }) => formatKpiValue(v.value, "percent");

type Caller = Awaited<ReturnType<typeof api>>;
type Props = { caller: Caller; view: View; ids: string[] };

/** The sales & marketing manager's dashboard: the header at once, then each section as its numbers arrive. */
export default async function SalesDashboard({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("kpi:sales");
  const view = readView(await searchParams, { owner: true, team: true });
  const ids = roleKpiIds("SALES_MANAGER");
  const caller = await api();
  const options = await caller.kpi.getFilterOptions({ roles: ["SALES_MANAGER", "SALES_REP"] });
  const resolved = viewPeriod(view);
  const header = (
    <DashboardHeader
      testId="dashboard-title"
      title="Sales & marketing dashboard"
      subtitle="Leads, conversion, pipeline, revenue, acquisition cost and campaigns."
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
    <div data-testid="dashboard-sales">
      {header}
      <GoalsAtRisk />
      <StreamedSection id="leads" title="Leads and conversion" skeleton={[{ cards: 4 }, { panels: [220, 220] }, { panels: [200, 200] }]} body={LeadsSection(props)} />
      <StreamedSection id="deals" title="Deals, pipeline and revenue" skeleton={[{ cards: 11 }, { panels: [240, 240] }]} body={DealsSection(props)} />
      <StreamedSection id="cost" title="Acquisition cost and campaigns" skeleton={[{ cards: 5 }, { panels: [200] }]} body={CostSection(props)} />
    </div>
  );
}

const allOwnersNote = (view: View) => (view.filters.ownerId || view.filters.teamId ? "For all owners: this report is not filtered by owner or team." : undefined);

async function LeadsSection({ caller, view, ids }: Props) {
  // the funnel ends at deals won, a KPI of the deals section: read here too so this section does not wait for that one
  const loaded = await attempt(() =>
    Promise.all([
      loadKpis(caller, only(ids, [...LEADS, "won_deals"]), view),
      caller.kpi.getLeadConversionBy({ period: view.period, by: "source" }),
      caller.kpi.getLeadConversionBy({ period: view.period, by: "campaign" }),
    ]),
  );
  if (!loaded.ok) return <Problem>{loaded.problem}</Problem>;
  const [{ kpis }, bySource, byCampaign] = loaded.data;
  const allOwners = allOwnersNote(view);
  // funnel: leads created -> converted -> deals won, in the period (converted = created × conversion rate)
  const created = value(kpis, "leads_created");
  const rate = value(kpis, "lead_conversion_rate");
  const converted = created !== null && rate !== null ? Math.round((created * rate) / 100) : 0;
  const funnel = [
    { label: "Leads created", value: created ?? 0 },
    { label: "Leads converted", value: converted },
    { label: "Deals won", value: value(kpis, "won_deals") ?? 0 },
  ];
  return (
    <>
      <KpiGrid kpis={pick(kpis, LEADS)} drillQuery={`${view.query}&from=sales`} testId="grid-leads" />
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel title="Funnel" hint="leads created → leads converted → deals won, in the period">
          <FunnelChart name="funnel" title="Sales funnel" steps={funnel} height={220} />
        </Panel>
        <Panel title="Leads by source" hint={allOwners ?? "created and converted in the period"}>
          <StackedBarChart
            name="leads-by-source"
            title="Leads created and converted per source"
            labels={bySource.map((r) => r.label)}
            stacked={false}
            series={[
              { label: "Created", values: bySource.map((r) => r.created), color: "#4f46e5" },
              { label: "Converted", values: bySource.map((r) => r.converted), color: "#059669" },
            ]}
            height={220}
          />
        </Panel>
      </div>
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel title="Conversion by source" hint={allOwners}>
          <Table
            testId="table-conversion-source"
            caption="Lead conversion by source"
            rows={bySource}
            rowKey={(r) => r.label}
            columns={[
              { key: "label", label: "Source", render: (r) => r.label },
              { key: "created", label: "Created", align: "right", render: (r) => formatKpiValue(r.created, "count") },
              { key: "converted", label: "Converted", align: "right", render: (r) => formatKpiValue(r.converted, "count") },
              { key: "rate", label: "Conversion", align: "right", render: (r) => pct(r.conversionRate) },
            ]}
          />
        </Panel>
        <Panel title="Conversion by campaign" hint={allOwners}>
          <Table
            testId="table-conversion-campaign"
            caption="Lead conversion by campaign"
            rows={byCampaign}
            rowKey={(r, i) => r.key ?? `none-${i}`}
            columns={[
              { key: "label", label: "Campaign", render: (r) => r.label },
              { key: "created", label: "Created", align: "right", render: (r) => formatKpiValue(r.created, "count") },
              { key: "converted", label: "Converted", align: "right", render: (r) => formatKpiValue(r.converted, "count") },
              { key: "rate", label: "Conversion", align: "right", render: (r) => pct(r.conversionRate) },
            ]}
          />
        </Panel>
        <Panel title="Email list growth" hint="growth rate of opted-in contacts per bucket">
          <TrendChart name="email-growth" title="Email list growth rate over the period" labels={labelsOf(kpis)} series={[{ label: "Growth rate", unit: "percent", values: seriesOf(kpis, "email_list_growth_rate") }]} />
        </Panel>
      </div>
    </>
  );
}

async function DealsSection({ caller, view, ids }: Props) {
  const loaded = await attempt(() => Promise.all([loadKpis(caller, only(ids, DEALS), view), caller.kpi.getPipeline({ filters: peopleFilters(view) })]));
  if (!loaded.ok) return <Problem>{loaded.problem}</Problem>;
  const [{ kpis }, pipeline] = loaded.data;
  const labels = labelsOf(kpis);
  const totalOpen = pipeline.reduce((s, r) => s + r.deals, 0);
  const bottleneck = [...pipeline].sort((a, b) => (b.share ?? 0) - (a.share ?? 0))[0];
  return (
    <>
      <KpiGrid kpis={kpis} drillQuery={`${view.query}&from=sales`} testId="grid-deals" />
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel title="Open pipeline by stage" hint="today: number of open deals and their value per stage">
          <StackedBarChart
            name="pipeline"
            title="Open pipeline value per stage"
            labels={pipeline.map((r) => r.name)}
            unit="money"
            stacked
            series={[
              { label: "Weighted value", values: pipeline.map((r) => r.weightedValue), color: "#4f46e5" },
              { label: "Unweighted remainder", values: pipeline.map((r) => r.value - r.weightedValue), color: "#c7d2fe" },
            ]}
            height={240}
          />
        </Panel>
        <Panel
          title="Stages"
          hint={bottleneck && bottleneck.share !== null && totalOpen ? `Bottleneck: ${formatKpiValue(bottleneck.share, "percent")} of open deals sit in ${bottleneck.name}` : undefined}
        >
          {totalOpen ? (
            <Table
              testId="table-pipeline"
              caption="Open deals per pipeline stage"
              rows={pipeline}
              rowKey={(r) => r.stageId}
              columns={[
                { key: "name", label: "Stage", render: (r) => r.name },
                { key: "deals", label: "Deals", align: "right", render: (r) => formatKpiValue(r.deals, "count") },
                { key: "value", label: "Value", align: "right", render: (r) => formatKpiValue(r.value, "money") },
                { key: "share", label: "Share", align: "right", render: (r) => formatKpiValue(r.share, "percent") },
                { key: "days", label: "Avg days in stage", align: "right", render: (r) => formatKpiValue(r.avgDaysInStage, "count") },
              ]}
            />
          ) : (
            <Empty>No open deals</Empty>
          )}
        </Panel>
        <Panel title="Sales cycle" hint="days from engagement to won, for deals won in each bucket">
          <TrendChart
            name="sales-cycle"
            title="Sales cycle length (mean and median days) over the period"
            labels={labels}
            series={[
              { label: "Mean", unit: "days", values: seriesOf(kpis, "sales_cycle_days") },
              { label: "Median", unit: "days", values: seriesOf(kpis, "sales_cycle_median_days"), dashed: true },
            ]}
          />
        </Panel>
        <Panel title="New revenue" hint="revenue of the deals won, per bucket">
          <StackedBarChart name="new-revenue" title="New revenue per bucket of the period" labels={labels} unit="money" series={[{ label: "New revenue", values: seriesOf(kpis, "new_revenue").map((v) => v ?? 0), color: "#059669" }]} height={240} time />
        </Panel>
        <Panel title="Win rate" hint="deals won ÷ deals closed, per bucket">
          <TrendChart name="win-rate" title="Win rate over the period" labels={labels} series={[{ label: "Win rate", unit: "percent", values: seriesOf(kpis, "win_rate"), color: "#059669" }]} />
        </Panel>
      </div>
    </>
  );
}

async function CostSection({ caller, view, ids }: Props) {
  const rest = ids.filter((id) => !LEADS.includes(id) && !DEALS.includes(id) && !COST.includes(id));
  const loaded = await attempt(() => Promise.all([loadKpis(caller, only(ids, [...COST, ...rest]), view), caller.kpi.getCampaigns({ period: view.period })]));
  if (!loaded.ok) return <Problem>{loaded.problem}</Problem>;
  const [{ kpis }, campaigns] = loaded.data;
  const allOwners = allOwnersNote(view);
  return (
    <>
      <KpiGrid kpis={kpis} drillQuery={`${view.query}&from=sales`} testId="grid-cost" />
      <div className="mt-4">
        <Panel title="Campaigns" hint={allOwners ?? "leads and costs in the period; ROI = (revenue − cost) ÷ cost"}>
          <Table
            testId="table-campaigns"
            caption="Campaign effectiveness"
            rows={campaigns}
            rowKey={(r) => r.campaignId}
            columns={[
              { key: "name", label: "Campaign", render: (r) => r.name },
              { key: "channel", label: "Channel", render: (r) => r.channel },
              { key: "leads", label: "Leads", align: "right", render: (r) => formatKpiValue(r.leads, "count") },
              { key: "cost", label: "Cost", align: "right", render: (r) => formatKpiValue(r.cost, "money") },
              { key: "cpl", label: "Cost / lead", align: "right", render: (r) => formatKpiValue(r.costPerLead.value, "money") },
              { key: "conv", label: "Conversion", align: "right", render: (r) => pct(r.conversionRate) },
              { key: "new", label: "New customers", align: "right", render: (r) => formatKpiValue(r.newCustomers, "count") },
              { key: "revenue", label: "Revenue", align: "right", render: (r) => formatKpiValue(r.revenue, "money") },
              { key: "roi", label: "ROI", align: "right", render: (r) => formatKpiValue(r.roi.value, "percent") },
            ]}
          />
        </Panel>
      </div>
    </>
  );
}
