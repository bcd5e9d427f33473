import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { requirePermission } from "@/server/auth/session";
import { api } from "@/trpc/server";
import { cardClass, secondaryButtonClass } from "@/components/ui";
import { formatKpiValue, type KpiUnit } from "@/components/kpi/format";
import { GoalChart } from "@/components/goals/goal-chart";
import { CheckInForm } from "@/components/goals/check-in-form";
import { ArchiveButton } from "@/components/goals/archive-button";
import { ProgressBar, StatusBadge } from "@/components/goals/status-badge";
import { Panel } from "../../dashboards/_components/parts";
import { HowComputed } from "../_explain";

export const metadata: Metadata = { title: "Goal · Sasaran" };

const date = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const CADENCE: Record<string, string> = { MONTHLY: "monthly", QUARTERLY: "quarterly", YEARLY: "yearly", AFTER_CAMPAIGN: "after a campaign" };
const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(0)}%`);

export default async function GoalPage({ params }: { params: Promise<{ goalId: string }> }) {
  await requirePermission("goals:read");
  const { goalId } = await params;
  const d = await (await api()).goals.get({ goalId }).catch((e) => {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  });
  const { goal: g, kpi, progress: p } = d;
  const unit = kpi.unit as KpiUnit;
  const v = (x: number | null | undefined) => formatKpiValue(x, unit);
  const filters = Object.entries(g.filters).filter(([, x]) => x);

  return (
    <div data-testid="goal-page">
      <Link href="/goals" className="text-sm text-indigo-700 hover:underline">
        ← Goals
      </Link>
      <header className="mb-6 mt-2 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="goal-title">
            {g.title}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {kpi.name} (better when {kpi.direction}) · owner <strong>{g.ownerName}</strong>
            {g.ownerTeamId ? " (team)" : ""} · {date.format(g.startDate)} – {date.format(g.deadline)} · reviewed {CADENCE[g.cadence]}
            {filters.length ? ` · scope: ${filters.map(([k]) => k.replace(/Id$/, "")).join(", ")}` : " · whole organization"}
          </p>
          {g.archivedAt ? <p className="mt-1 text-sm font-medium text-slate-500">Archived on {date.format(g.archivedAt)}</p> : null}
        </div>
        <div className="flex items-center gap-3">
          <StatusBadge status={p.status} testId="goal-status" />
          {d.canManage ? (
            <>
              <Link href={`/goals/${g.id}/edit`} className={secondaryButtonClass} data-testid="goal-edit">
                Edit
              </Link>
              <ArchiveButton goalId={g.id} archived={!!g.archivedAt} title={g.title} />
            </>
          ) : null}
        </div>
      </header>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="goal-numbers">
        <Stat label="Baseline" value={v(p.baseline)} testId="goal-baseline" note={p.baselineEdited ? "entered by hand" : p.baselineProvisional ? "provisional" : "measured at the start"} />
        <Stat label="Target" value={v(p.target)} testId="goal-target" note={g.targetType === "RELATIVE" ? `${g.targetValue > 0 ? "+" : ""}${g.targetValue}% of the baseline` : (p.targetReason ?? "absolute")} />
        <Stat label={p.deadlinePassed ? "At the deadline" : "Current"} value={v(p.current)} testId="goal-current" note={p.current === null ? (p.currentReason ?? "no data") : `last ${p.windowDays} days`} />
        <Stat label="Today's target" value={v(p.todaysTarget)} testId="goal-todays-target" note="on the straight path" />
        <Stat label="Forecast at deadline" value={v(p.forecast)} testId="goal-forecast" note="least-squares trend" />
        <Stat label="Progress" value={pct(p.progress)} testId="goal-progress" note={`expected ${pct(p.expectedProgress)} by today`} />
      </dl>
      <div className="mt-3">
        <ProgressBar progress={p.progress} expected={p.expectedProgress} label={`Progress ${pct(p.progress)} of the way from baseline to target; expected ${pct(p.expectedProgress)} by today`} />
        <p className="mt-1 text-xs text-slate-600" data-testid="goal-status-reason">
          Status: {p.statusReason}.
        </p>
      </div>

      <div className="mt-6 grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Panel title="Actual vs the target path" hint="Measured over a rolling window as long as the goal; check-ins as diamonds; dashed: the path and the forecast" className="lg:col-span-2">
          <GoalChart points={d.chart} unit={unit} />
        </Panel>
        <Panel title="Plan">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Action plan</h4>
          <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{g.actionPlan || "—"}</p>
          <h4 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Why it matters</h4>
          <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{g.whyItMatters || "—"}</p>
          {d.nextReviewDue ? (
            <p className="mt-4 text-sm text-slate-700" data-testid="next-review">
              Next review due {date.format(d.nextReviewDue)}
              {new Date(d.nextReviewDue) <= new Date() ? <strong className="text-amber-800"> (overdue)</strong> : null}
            </p>
          ) : g.cadence === "AFTER_CAMPAIGN" && !g.archivedAt ? (
            <p className="mt-4 text-sm text-slate-700">Review after the campaign ends.</p>
          ) : null}
        </Panel>
      </div>

      {d.rollup ? (
        <section aria-labelledby="rollup-heading" className={`${cardClass} mt-6 p-4`} data-testid="goal-rollup">
          <h2 id="rollup-heading" className="text-sm font-semibold text-slate-800">Team members</h2>
          <p className="mt-0.5 text-xs text-slate-500">{d.rollup.note}</p>
          {d.rollup.members.length ? (
            <table className="mt-3 min-w-full text-left text-sm">
              <caption className="sr-only">Each team member&apos;s value of the KPI over the current window</caption>
              <thead>
                <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                  <th scope="col" className="py-2 pr-4 font-medium">Member</th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">{d.rollup.additive ? "Contribution" : "Own value"}</th>
                  {d.rollup.additive ? <th scope="col" className="py-2 text-right font-medium">Share</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.rollup.members.map((m) => (
                  <tr key={m.userId} className="border-b border-slate-100 last:border-0">
                    <td className="py-2 pr-4 text-slate-800">{m.name}</td>
                    <td className="py-2 pr-4 text-right text-slate-700">{v(m.value)}</td>
                    {d.rollup!.additive ? <td className="py-2 text-right text-slate-700">{m.share === null ? "—" : `${m.share.toFixed(1)}%`}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      <div className="mt-6 grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Panel title="Check-ins and reviews" hint="Each records the value and status of that day, with a note" className="lg:col-span-2">
          {d.checkIns.length ? (
            <ol className="divide-y divide-slate-100 text-sm" data-testid="check-ins">
              {d.checkIns.map((c) => (
                <li key={c.id} className="py-2" data-testid="check-in">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-800">{date.format(c.createdAt)}</span>
                    <span className="text-xs text-slate-500">{c.isReview ? "review" : "check-in"}{c.byName ? ` by ${c.byName}` : ""}</span>
                    <span className="text-slate-700">{v(c.value)}</span>
                    <StatusBadge status={c.status} />
                  </div>
                  {c.note ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{c.note}</p> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-500" data-testid="check-ins-empty">No check-ins yet.</p>
          )}
        </Panel>
        {d.canManage && !g.archivedAt ? (
          <Panel title="Record a check-in">
            <CheckInForm goalId={g.id} />
          </Panel>
        ) : null}
      </div>

      {d.baselineEdits.length ? (
        <section aria-labelledby="baseline-heading" className={`${cardClass} mt-6 p-4`}>
          <h2 id="baseline-heading" className="text-sm font-semibold text-slate-800">Baseline history</h2>
          <ul className="mt-2 space-y-1 text-sm text-slate-700" data-testid="baseline-edits">
            {d.baselineEdits.map((b, i) => (
              <li key={i}>
                {date.format(b.at)}{b.byName ? ` · ${b.byName}` : ""}: {b.reason ? <>set to {v(b.value)} — “{b.reason}”</> : <>back to the measured value</>}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="mt-6">
        <HowComputed />
      </div>
    </div>
  );
}

function Stat({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className={`${cardClass} p-3`}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-slate-900" data-testid={testId}>
        {value}
      </dd>
      {note ? <dd className="text-xs text-slate-500">{note}</dd> : null}
    </div>
  );
}
