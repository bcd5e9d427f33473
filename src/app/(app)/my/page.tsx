import type { Metadata } from "next";
import { GoalsAtRisk } from "@/components/goals/goals-at-risk";
import Link from "next/link";
import { requirePermission } from "@/server/auth/session";
import { isStaff, type Role } from "@/server/auth/permissions";
import { roleKpiIds } from "@/server/kpi/role-sets";
import { api } from "@/trpc/server";
import { KpiGrid } from "@/components/kpi/kpi-card";
import { formatCell, formatKpiValue } from "@/components/kpi/format";
import { SummaryCards } from "@/components/summary-cards";
import { DashboardHeader, Empty, Panel, Problem, Section } from "../dashboards/_components/parts";
import { attempt, loadKpis } from "../dashboards/_lib/load";
import { readView, type SearchParams } from "../dashboards/_lib/view";

export const metadata: Metadata = { title: "My work · Sasaran" };

type Queue = { kpiId: "open_deals" | "ticket_backlog"; title: string; empty: string };
const SALES_QUEUE: Queue = { kpiId: "open_deals", title: "My open deals", empty: "You have no open deals." };
const SUPPORT_QUEUE: Queue = { kpiId: "ticket_backlog", title: "My open tickets", empty: "You have no open tickets." };

/** Staff roles own records; a manager's "my work" is that of the staff role of their family. */
function staffRoleOf(role: Role): "SALES_REP" | "SUPPORT_AGENT" {
  return role === "SUPPORT_AGENT" || role === "SUPPORT_MANAGER" ? "SUPPORT_AGENT" : "SALES_REP";
}

/** The staff home: my queue (open deals or tickets, tasks due) and my own numbers for the period. */
export default async function MyWorkPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user } = await requirePermission("kpi:personal");
  const view = readView(await searchParams);
  const staffRole = staffRoleOf(user.role);
  const queue = staffRole === "SALES_REP" ? SALES_QUEUE : SUPPORT_QUEUE;
  const ids = roleKpiIds(staffRole);
  // staff get ownerId forced by the engine; managers ask for their own records explicitly
  const mine = { ...view, filters: { ownerId: user.id } };
  const caller = await api();
  const loaded = await attempt(() =>
    Promise.all([
      loadKpis(caller, ids, mine),
      isStaff(user.role) ? caller.home.getSummary() : Promise.resolve([]),
      caller.kpi.drillDown({ kpiId: queue.kpiId, period: { preset: "this_month" }, filters: { ownerId: user.id }, page: 1, pageSize: 10 }),
      caller.work.getMyQueue(),
    ]),
  );

  return (
    <div data-testid="my-page">
      <DashboardHeader
        testId="my-title"
        title="My work"
        subtitle={staffRole === "SALES_REP" ? "Your open deals, tasks due and your own sales numbers." : "Your open tickets, tasks due and your own support numbers."}
        period={loaded.ok ? loaded.data[0].period : undefined}
        picker={view.picker}
        pickerKey={view.query}
      />
      <GoalsAtRisk />
      {!loaded.ok ? (
        <Problem>{loaded.problem}</Problem>
      ) : (
        <>
          <Section id="queue" title="My queue">
            {loaded.data[1].length ? <SummaryCards cards={loaded.data[1]} /> : null}
            <div className={loaded.data[1].length ? "mt-4" : ""}>
              <Panel title={queue.title} hint={`${formatKpiValue(loaded.data[2].total, "count")} open now${loaded.data[2].total > 10 ? " · the 10 first" : ""}`}>
                {loaded.data[2].rows.length ? (
                  <div className="overflow-x-auto">
                    <table data-testid="my-queue" className="min-w-full text-left text-sm">
                      <caption className="sr-only">{queue.title}</caption>
                      <thead>
                        <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                          {loaded.data[2].columns.map((c) => (
                            <th key={c.key} scope="col" className="whitespace-nowrap px-2 py-2 font-medium">
                              {c.label}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {loaded.data[2].rows.map((r, i) => (
                          <tr key={String(r.id ?? i)} className="border-b border-slate-100 last:border-0">
                            {loaded.data[2].columns.map((c) => (
                              <td key={c.key} className="max-w-xs truncate whitespace-nowrap px-2 py-2 text-slate-700">
                                {formatCell(r[c.key], c.type)}
                              </td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : (
                  <Empty>{queue.empty}</Empty>
                )}
                {loaded.data[2].total > 10 ? (
                  <Link href={`/dashboards/drill/${queue.kpiId}?period=this_month&owner=${user.id}&from=my`} className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline">
                    See all {formatKpiValue(loaded.data[2].total, "count")} →
                  </Link>
                ) : null}
              </Panel>
            </div>
          </Section>
          <Section id="tasks" title="Tasks due">
            <Panel title="Not done, due today or earlier" hint={`${formatKpiValue(loaded.data[3].taskCount, "count")} due${loaded.data[3].taskCount > 10 ? " · the 10 oldest" : ""}`}>
              {loaded.data[3].tasks.length ? (
                <ul data-testid="my-tasks" className="divide-y divide-slate-100 text-sm">
                  {loaded.data[3].tasks.map((t) => (
                    <li key={t.id} className="flex items-center justify-between gap-3 py-2">
                      <span className="min-w-0 truncate text-slate-800">
                        <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600">{t.type.replace("_", " ").toLowerCase()}</span>
                        {t.subject}
                      </span>
                      <span className={`shrink-0 text-xs ${t.overdue ? "font-semibold text-red-700" : "text-slate-500"}`}>
                        {t.overdue ? "overdue · " : ""}due {formatCell(t.dueAt, "date")}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <Empty>No tasks due. Nice.</Empty>
              )}
            </Panel>
          </Section>
          <Section id="numbers" title="My numbers" hint="Only the records you own count here.">
            {loaded.data[0].kpis.length ? <KpiGrid kpis={loaded.data[0].kpis} drillQuery={`${view.query}&owner=${user.id}&from=my`} testId="grid-my" /> : <Empty />}
          </Section>
        </>
      )}
    </div>
  );
}
