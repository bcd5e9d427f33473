"use client";
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { formatCount, formatMoney } from "@/components/format";
import { cardClass, ErrorText } from "@/components/ui";
import type { Preset } from "@/server/kpi/period";
import { fmtDays, fmtPct, PeriodSelect } from "./period-select";

const dealsHref = (stageId: string, withoutFollowUp = false) => `/pipeline/report/deals?stageId=${stageId}${withoutFollowUp ? "&withoutFollowUp=1" : ""}`;

/** The pipeline report: the bottleneck, the open deals per stage now, and the period's flow through the stages. */
export function PipelineReport() {
  const trpc = useTRPC();
  const [preset, setPreset] = useState<Preset>("last_90_days");
  const report = useQuery(trpc.pipeline.getReport.queryOptions({ period: { preset } }));

  return (
    <div className="space-y-6">
      <PeriodSelect id="report-period" value={preset} onChange={setPreset} />
      {report.isPending ? (
        <p className="text-sm text-slate-500">Loading the report…</p>
      ) : report.error ? (
        <ErrorText testId="report-error">Could not load the report: {toFormError(report.error).message}</ErrorText>
      ) : (
        <>
          <section className={`${cardClass} p-5`} aria-labelledby="bottleneck-title" data-testid="bottleneck">
            <h2 id="bottleneck-title" className="text-sm font-semibold uppercase tracking-wide text-slate-500">Bottleneck</h2>
            {report.data.bottleneck ? (
              <>
                <p className="mt-2 text-lg font-medium text-slate-900" data-testid="bottleneck-sentence">{report.data.bottleneck.sentence}</p>
                <p className="mt-1 text-sm text-slate-600">
                  Flagged because it holds the largest share of the open deals
                  {report.data.bottleneck.runnerUp ? <> (next: {report.data.bottleneck.runnerUp.name}, {fmtPct(report.data.bottleneck.runnerUp.share)})</> : null}.
                </p>
                <p className="mt-3 flex flex-wrap gap-4 text-sm">
                  <Link className="font-medium text-indigo-700 hover:underline" href={dealsHref(report.data.bottleneck.stageId)} data-testid="bottleneck-deals">
                    See these {formatCount(report.data.bottleneck.deals)} deals →
                  </Link>
                  {report.data.bottleneck.followedUp < report.data.bottleneck.deals ? (
                    <Link className="font-medium text-indigo-700 hover:underline" href={dealsHref(report.data.bottleneck.stageId, true)}>
                      Only the {formatCount(report.data.bottleneck.deals - report.data.bottleneck.followedUp)} without a follow-up →
                    </Link>
                  ) : null}
                </p>
              </>
            ) : (
              <p className="mt-2 text-sm text-slate-600">No open deals: nothing is stuck.</p>
            )}
          </section>

          <section className={`${cardClass} overflow-x-auto`} aria-labelledby="open-title">
            <h2 id="open-title" className="px-5 pt-4 text-base font-semibold text-slate-900">Open deals now, by stage</h2>
            <table className="mt-2 min-w-full divide-y divide-slate-200 text-sm" data-testid="report-open">
              <thead>
                <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <th scope="col" className="px-5 py-2">Stage</th>
                  <th scope="col" className="px-3 py-2 text-right">Deals</th>
                  <th scope="col" className="px-3 py-2 text-right">Value</th>
                  <th scope="col" className="px-3 py-2 text-right">Share</th>
                  <th scope="col" className="px-3 py-2 text-right">Avg. time in stage</th>
                  <th scope="col" className="px-5 py-2 text-right">Follow-up in {report.data.followUpDays} days</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.data.open.map((s) => (
                  <tr key={s.stageId} className={report.data.bottleneck?.stageId === s.stageId ? "bg-amber-50" : undefined}>
                    <td className="px-5 py-2"><Link className="text-indigo-700 hover:underline" href={dealsHref(s.stageId)}>{s.name}</Link></td>
                    <td className="px-3 py-2 text-right">{formatCount(s.deals)}</td>
                    <td className="px-3 py-2 text-right">{formatMoney(s.value)}</td>
                    <td className="px-3 py-2 text-right">{fmtPct(s.share)}</td>
                    <td className="px-3 py-2 text-right">{fmtDays(s.avgDaysInStage)}</td>
                    <td className="px-5 py-2 text-right">{fmtPct(s.followUpRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className={`${cardClass} overflow-x-auto`} aria-labelledby="flow-title">
            <h2 id="flow-title" className="px-5 pt-4 text-base font-semibold text-slate-900">Flow in the period</h2>
            <p className="px-5 text-xs text-slate-500">
              Deals that entered each stage from {new Date(report.data.start).toLocaleDateString("en-US", { dateStyle: "medium" })} to{" "}
              {new Date(report.data.end.getTime() - 1).toLocaleDateString("en-US", { dateStyle: "medium" })}; conversion = the share of them that later reached a stage further along (or won).
            </p>
            <table className="mt-2 min-w-full divide-y divide-slate-200 text-sm" data-testid="report-flow">
              <thead>
                <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <th scope="col" className="px-5 py-2">Stage</th>
                  <th scope="col" className="px-3 py-2 text-right">Entered</th>
                  <th scope="col" className="px-3 py-2 text-right">Value</th>
                  <th scope="col" className="px-3 py-2 text-right">Avg. time in stage</th>
                  <th scope="col" className="px-3 py-2 text-right">Moved further</th>
                  <th scope="col" className="px-5 py-2 text-right">Conversion to next</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.data.flow.map((s) => (
                  <tr key={s.stageId}>
                    <td className="px-5 py-2">{s.name}</td>
                    <td className="px-3 py-2 text-right">{formatCount(s.entered)}</td>
                    <td className="px-3 py-2 text-right">{formatMoney(s.enteredValue)}</td>
                    <td className="px-3 py-2 text-right">{fmtDays(s.avgDaysInStage)}</td>
                    <td className="px-3 py-2 text-right">{formatCount(s.advanced)}</td>
                    <td className="px-5 py-2 text-right">{fmtPct(s.conversion)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}

/** The open deals sitting in one stage: exactly the deals behind the report's numbers. */
export function StageDeals({ stageId, withoutFollowUp }: { stageId: string; withoutFollowUp: boolean }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.pipeline.listStageDeals.queryOptions({ stageId, withoutFollowUp }));
  if (list.isPending) return <p className="text-sm text-slate-500">Loading deals…</p>;
  if (list.error) return <ErrorText testId="stage-deals-error">Could not load the deals: {toFormError(list.error).message}</ErrorText>;
  const d = list.data;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" data-testid="stage-deals-summary">
        {formatCount(d.total)} open deal{d.total === 1 ? "" : "s"} in <strong>{d.stage.name}</strong>
        {withoutFollowUp ? ` without a follow-up in the last ${d.followUpDays} days` : ""}
        {d.truncated ? `; the ${formatCount(d.deals.length)} longest in the stage are listed.` : ", longest in the stage first."}{" "}
        {withoutFollowUp ? <Link className="text-indigo-700 hover:underline" href={`/pipeline/report/deals?stageId=${stageId}`}>Show all</Link> : null}
      </p>
      <div className={`${cardClass} overflow-x-auto`}>
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="stage-deals">
          <thead>
            <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <th scope="col" className="px-4 py-2">Deal</th>
              <th scope="col" className="px-3 py-2">Owner</th>
              <th scope="col" className="px-3 py-2 text-right">Amount</th>
              <th scope="col" className="px-3 py-2 text-right">In stage</th>
              <th scope="col" className="px-4 py-2">Last activity</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {d.deals.map((x) => (
              <tr key={x.id} data-testid="stage-deal-row">
                <td className="px-4 py-2">
                  <Link className="font-medium text-indigo-700 hover:underline" href={`/records/deals/${x.id}`}>{x.name}</Link>
                  {x.accountName ? <p className="text-xs text-slate-500">{x.accountName}</p> : null}
                </td>
                <td className="px-3 py-2 text-slate-700">{x.ownerName ?? "–"}</td>
                <td className="px-3 py-2 text-right">{formatMoney(x.amount)}</td>
                <td className="px-3 py-2 text-right">{fmtDays(x.daysInStage)}</td>
                <td className="px-4 py-2 text-slate-700">
                  {x.lastActivityAt ? new Date(x.lastActivityAt).toLocaleDateString("en-US", { dateStyle: "medium" }) : "none"}
                  {x.followedUp ? "" : <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">no follow-up</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
