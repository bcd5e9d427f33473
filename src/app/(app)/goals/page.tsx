import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/server/auth/session";
import { can } from "@/server/auth/permissions";
import { api } from "@/trpc/server";
import { buttonClass, cardClass } from "@/components/ui";
import { formatKpiValue, type KpiUnit } from "@/components/kpi/format";
import { ProgressBar, StatusBadge } from "@/components/goals/status-badge";
import { attempt } from "../dashboards/_lib/load";
import { Problem } from "../dashboards/_components/parts";
import { HowComputed } from "./_explain";

export const metadata: Metadata = { title: "Goals · Sasaran" };

const date = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** The goals the user may see, with progress and status; managers create new ones from here. */
export default async function GoalsPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const { user } = await requirePermission("goals:read");
  const includeArchived = (await searchParams).archived === "1";
  const loaded = await attempt(async () => (await api()).goals.list({ includeArchived }));
  const manager = can(user.role, "goals:manage");
  return (
    <div data-testid="goals-page">
      <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="goals-title">
            Goals
          </h1>
          <p className="mt-1 text-sm text-slate-600">{manager ? "SMART goals on the KPIs you own, for you, your team and its members." : "The goals that concern you or your team."}</p>
        </div>
        <div className="flex items-center gap-3">
          <Link href={includeArchived ? "/goals" : "/goals?archived=1"} className="text-sm text-indigo-700 hover:underline">
            {includeArchived ? "Hide archived" : "Show archived"}
          </Link>
          {manager ? (
            <Link href="/goals/new" className={buttonClass} data-testid="goal-new">
              New goal
            </Link>
          ) : null}
        </div>
      </header>
      {!loaded.ok ? (
        <Problem>{loaded.problem}</Problem>
      ) : !loaded.data.length ? (
        <p data-testid="empty-state" className="rounded-lg border border-dashed border-slate-200 px-4 py-10 text-center text-sm text-slate-500">
          {manager ? "No goals yet. Create the first one: a KPI, a baseline, a target and a deadline." : "No goal concerns you yet."}
        </p>
      ) : (
        <div className={`${cardClass} overflow-x-auto`}>
          <table className="min-w-full text-left text-sm" data-testid="goals-table">
            <caption className="sr-only">Goals with their current value, target, progress and status</caption>
            <thead>
              <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-4 py-3 font-medium">Goal</th>
                <th scope="col" className="px-4 py-3 font-medium">Owner</th>
                <th scope="col" className="px-4 py-3 font-medium">Deadline</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Now → target</th>
                <th scope="col" className="px-4 py-3 font-medium">Progress</th>
                <th scope="col" className="px-4 py-3 font-medium">Status</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.map((g) => {
                const unit = g.unit as KpiUnit;
                return (
                  <tr key={g.id} className="border-b border-slate-100 last:border-0" data-testid="goal-row">
                    <td className="px-4 py-3">
                      <Link href={`/goals/${g.id}`} className="font-medium text-indigo-700 hover:underline">
                        {g.title}
                      </Link>
                      <p className="text-xs text-slate-500">
                        {g.kpiName}
                        {g.archivedAt ? " · archived" : ""}
                      </p>
                    </td>
                    <td className="px-4 py-3 text-slate-700">{g.ownerName}{g.ownerKind === "team" ? " (team)" : ""}</td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-700">{date.format(g.deadline)}</td>
                    <td className="whitespace-nowrap px-4 py-3 text-right text-slate-700">
                      {formatKpiValue(g.progress?.current, unit)} → {formatKpiValue(g.progress?.target, unit)}
                    </td>
                    <td className="px-4 py-3">
                      {g.progress ? (
                        <>
                          <ProgressBar progress={g.progress.progress} expected={g.progress.expectedProgress} label={`Progress ${g.progress.progress === null ? "unknown" : `${g.progress.progress.toFixed(0)}%`}, expected ${g.progress.expectedProgress.toFixed(0)}% by today`} />
                          <span className="text-xs text-slate-500">{g.progress.progress === null ? "—" : `${g.progress.progress.toFixed(0)}%`}</span>
                        </>
                      ) : "—"}
                    </td>
                    <td className="px-4 py-3">{g.progress ? <StatusBadge status={g.progress.status} /> : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-6">
        <HowComputed />
      </div>
    </div>
  );
}
