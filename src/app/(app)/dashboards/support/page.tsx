import type { Metadata } from "next";
import { GoalsAtRisk } from "@/components/goals/goals-at-risk";
import { requirePermission } from "@/server/auth/session";
import { roleKpiIds } from "@/server/kpi/role-sets";
import { api } from "@/trpc/server";
import { KpiGrid } from "@/components/kpi/kpi-card";
import { NpsDistributionChart, StackedBarChart, TrendChart } from "@/components/kpi/charts";
import { formatKpiValue } from "@/components/kpi/format";
import { DashboardHeader, Panel, Problem, StreamedSection, Table } from "../_components/parts";
import { attempt, labelsOf, loadKpis, only, peopleFilters, seriesOf, viewPeriod } from "../_lib/load";
import { CHANNELS, PRIORITIES, readView, type SearchParams, type View, type ViewFilters } from "../_lib/view";

export const metadata: Metadata = { title: "Support dashboard · Sasaran" };

const VOLUME = ["tickets_opened_per_day", "tickets_closed_per_day", "ticket_backlog", "reopen_rate"];
const SPEED = ["first_response_time_median", "first_response_time_p90", "resolution_time_median", "resolution_time_p90", "first_contact_resolution", "first_response_time_mean", "resolution_time_mean"];
const SATISFACTION = ["csat", "csat_mean", "nps", "ces", "nps_promoters_pct", "nps_passives_pct", "nps_detractors_pct"];
/** the ticket KPIs of the channel / priority breakdown (ticket KPIs take both filters) */
const BREAKDOWN = ["tickets_opened_per_day", "ticket_backlog", "first_response_time_median", "resolution_time_median", "first_contact_resolution"] as const;
const title = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();

type Caller = Awaited<ReturnType<typeof api>>;
type Props = { caller: Caller; view: View; ids: string[] };

/** The customer support manager's dashboard: the header at once, then each section as its numbers arrive. */
export default async function SupportDashboard({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("kpi:support");
  const view = readView(await searchParams, { owner: true, team: true, channel: true, priority: true });
  const ids = roleKpiIds("SUPPORT_MANAGER");
  const caller = await api();
  const options = await caller.kpi.getFilterOptions({ roles: ["SUPPORT_MANAGER", "SUPPORT_AGENT"] });
  const resolved = viewPeriod(view);
  const header = (
    <DashboardHeader
      testId="dashboard-title"
      title="Support dashboard"
      subtitle="Ticket volume, backlog, response and resolution times, first contact resolution, CSAT, NPS and effort."
      period={resolved.ok ? resolved.period : undefined}
      picker={view.picker}
      pickerKey={view.query}
      owners={options.owners}
      teams={options.teams}
      channels={[...CHANNELS]}
      priorities={[...PRIORITIES]}
    />
  );
  if (!resolved.ok) return (<div>{header}<Problem>{resolved.problem}</Problem></div>);
  const props: Props = { caller, view, ids };
  const surveyNote = view.filters.channel || view.filters.priority ? "Survey answers are not filtered by channel or priority." : undefined;

  return (
    <div data-testid="dashboard-support">
      {header}
      <GoalsAtRisk />
      <StreamedSection id="volume" title="Volume and backlog" skeleton={[{ cards: 4 }, { panels: [240, 240] }]} body={VolumeSection(props)} />
      <StreamedSection id="speed" title="Response, resolution and first contact resolution" skeleton={[{ cards: 7 }, { panels: [240, 240] }]} body={SpeedSection(props)} />
      <StreamedSection id="satisfaction" title="Satisfaction" hint={surveyNote} skeleton={[{ cards: 7 }, { panels: [240, 240] }]} body={SatisfactionSection(props)} />
      <StreamedSection
        id="breakdown"
        title="By channel and priority"
        hint="The ticket KPIs of the period, split; response and resolution are medians. The other filters apply."
        skeleton={[{ panels: [220] }, { panels: [220] }]}
        body={BreakdownSection(props)}
      />
    </div>
  );
}

const drill = (view: View) => `${view.query}&from=support`;

async function VolumeSection({ caller, view, ids }: Props) {
  const loaded = await attempt(() => loadKpis(caller, only(ids, VOLUME), view));
  if (!loaded.ok) return <Problem>{loaded.problem}</Problem>;
  const { kpis } = loaded.data;
  const labels = labelsOf(kpis);
  return (
    <>
      <KpiGrid kpis={kpis} drillQuery={drill(view)} testId="grid-volume" />
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel title="Tickets opened and closed per day" hint="average per day in each bucket">
          <TrendChart
            name="tickets-per-day"
            title="Tickets opened and closed per day over the period"
            labels={labels}
            series={[
              { label: "Opened", unit: "per_day", values: seriesOf(kpis, "tickets_opened_per_day"), color: "#4f46e5" },
              { label: "Closed", unit: "per_day", values: seriesOf(kpis, "tickets_closed_per_day"), color: "#059669" },
            ]}
          />
        </Panel>
        <Panel title="Backlog" hint="open tickets at the end of each bucket">
          <StackedBarChart name="backlog" title="Ticket backlog at the end of each bucket" labels={labels} series={[{ label: "Open tickets", values: seriesOf(kpis, "ticket_backlog").map((v) => v ?? 0), color: "#d97706" }]} height={240} time />
        </Panel>
      </div>
    </>
  );
}

async function SpeedSection({ caller, view, ids }: Props) {
  const loaded = await attempt(() => loadKpis(caller, only(ids, SPEED), view));
  if (!loaded.ok) return <Problem>{loaded.problem}</Problem>;
  const { kpis } = loaded.data;
  const labels = labelsOf(kpis);
  return (
    <>
      <KpiGrid kpis={kpis} drillQuery={drill(view)} testId="grid-speed" />
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel title="First response time" hint="hours, median and 90th percentile">
          <TrendChart
            name="first-response"
            title="First response time, median and 90th percentile, over the period"
            labels={labels}
            series={[
              { label: "Median", unit: "hours", values: seriesOf(kpis, "first_response_time_median") },
              { label: "p90", unit: "hours", values: seriesOf(kpis, "first_response_time_p90"), dashed: true },
            ]}
          />
        </Panel>
        <Panel title="Time to resolve" hint="hours, median and 90th percentile">
          <TrendChart
            name="resolution"
            title="Time to resolve, median and 90th percentile, over the period"
            labels={labels}
            series={[
              { label: "Median", unit: "hours", values: seriesOf(kpis, "resolution_time_median"), color: "#059669" },
              { label: "p90", unit: "hours", values: seriesOf(kpis, "resolution_time_p90"), color: "#059669", dashed: true },
            ]}
          />
        </Panel>
      </div>
    </>
  );
}

async function SatisfactionSection({ caller, view, ids }: Props) {
  const rest = ids.filter((id) => !VOLUME.includes(id) && !SPEED.includes(id) && !SATISFACTION.includes(id));
  const people = peopleFilters(view);
  const loaded = await attempt(() => Promise.all([loadKpis(caller, only(ids, [...SATISFACTION, ...rest]), view), caller.kpi.getNpsDistribution({ period: view.period, filters: people })]));
  if (!loaded.ok) return <Problem>{loaded.problem}</Problem>;
  const [{ kpis }, nps] = loaded.data;
  const labels = labelsOf(kpis);
  return (
    <>
      <KpiGrid kpis={kpis} drillQuery={drill(view)} testId="grid-satisfaction" />
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel title="NPS answers by score" hint={`${formatKpiValue(nps.total, "count")} answers · detractors 0-6, passives 7-8, promoters 9-10`}>
          <NpsDistributionChart counts={nps.counts} />
        </Panel>
        <Panel title="Promoters, passives and detractors" hint={nps.nps === null ? undefined : `NPS ${formatKpiValue(nps.nps, "score")} = % promoters − % detractors`}>
          <StackedBarChart
            name="nps-split"
            title="Share of promoters, passives and detractors"
            labels={["Answers"]}
            unit="percent"
            horizontal
            series={[
              { label: "Detractors", values: [nps.total ? (nps.detractors / nps.total) * 100 : 0], color: "#dc2626" },
              { label: "Passives", values: [nps.total ? (nps.passives / nps.total) * 100 : 0], color: "#94a3b8" },
              { label: "Promoters", values: [nps.total ? (nps.promoters / nps.total) * 100 : 0], color: "#059669" },
            ]}
            height={110}
            max={100}
          />
          <p className="mt-3 text-xs font-medium text-slate-600">CSAT per bucket</p>
          <div className="mt-1">
            <TrendChart
              name="satisfaction-trend"
              title="CSAT over the period"
              labels={labels}
              series={[{ label: "CSAT", unit: "percent", values: seriesOf(kpis, "csat"), color: "#059669" }]}
              height={130}
            />
          </div>
        </Panel>
      </div>
    </>
  );
}

async function BreakdownSection({ caller, view }: Props) {
  const people = peopleFilters(view);
  const withPriority = view.filters.priority ? { priority: view.filters.priority } : {};
  const withChannel = view.filters.channel ? { channel: view.filters.channel } : {};
  // the tables show the period's values only: no series, no previous period
  const breakdown = (filters: ViewFilters) => caller.kpi.getMany({ kpiIds: [...BREAKDOWN], period: view.period, filters, series: false, compare: false });
  // one value at a time: all 45 statements at once would take every pool connection from the sections above
  const each = async <T,>(values: readonly T[], read: (v: T) => ReturnType<typeof breakdown>) => {
    const out: Awaited<ReturnType<typeof breakdown>>[] = [];
    for (const v of values) out.push(await read(v));
    return out;
  };
  const loaded = await attempt(async () => [
    await each(CHANNELS, (c) => breakdown({ ...people, ...withPriority, channel: c })),
    await each(PRIORITIES, (p) => breakdown({ ...people, ...withChannel, priority: p })),
  ] as const);
  if (!loaded.ok) return <Problem>{loaded.problem}</Problem>;
  const [byChannel, byPriority] = loaded.data;
  type Row = { key: string; label: string; values: Map<string, number | null> };
  const rows = (keys: readonly string[], results: typeof byChannel): Row[] =>
    keys.map((k, i) => ({ key: k, label: title(k), values: new Map(results[i]!.kpis.map((x) => [x.id, x.current.value])) }));
  const columns = (what: string) => [
    { key: "label", label: what, render: (r: Row) => r.label },
    { key: "opened", label: "Opened / day", align: "right" as const, render: (r: Row) => formatKpiValue(r.values.get("tickets_opened_per_day"), "per_day").replace(" / day", "") },
    { key: "backlog", label: "Backlog", align: "right" as const, render: (r: Row) => formatKpiValue(r.values.get("ticket_backlog"), "count") },
    { key: "frt", label: "1st response", align: "right" as const, render: (r: Row) => formatKpiValue(r.values.get("first_response_time_median"), "hours") },
    { key: "ttr", label: "Resolution", align: "right" as const, render: (r: Row) => formatKpiValue(r.values.get("resolution_time_median"), "hours") },
    { key: "fcr", label: "FCR", align: "right" as const, render: (r: Row) => formatKpiValue(r.values.get("first_contact_resolution"), "percent") },
  ];
  return (
    <div className="grid grid-cols-1 gap-4">
      <Panel title="By channel">
        <Table testId="table-by-channel" caption="Ticket KPIs by channel" rows={rows(CHANNELS, byChannel)} rowKey={(r) => r.key} columns={columns("Channel")} />
      </Panel>
      <Panel title="By priority">
        <Table testId="table-by-priority" caption="Ticket KPIs by priority" rows={rows(PRIORITIES, byPriority)} rowKey={(r) => r.key} columns={columns("Priority")} />
      </Panel>
    </div>
  );
}
