"use client";
import { IntentLink } from "@/components/intent-link";
import { useId, useState } from "react";
import { Sparkline } from "./sparkline";
import { formatChange, formatKpiValue, UNIT_LABELS } from "./format";
import type { KpiView } from "./types";

const FILTER_NAMES: Record<string, string> = { ownerId: "owner", teamId: "team", channel: "channel", priority: "priority" };

/**
 * One KPI: value with its unit, change vs the previous period coloured by the KPI's direction
 * (green = better, red = worse, grey = no change / not comparable), a sparkline, the formula behind a
 * disclosure button, and links to the definition and to the records (drill-down).
 */
export function KpiCard({ kpi, drillHref }: { kpi: KpiView; drillHref?: string }) {
  const [open, setOpen] = useState(false);
  const formulaId = useId();
  const change = formatChange(kpi);
  const tone = kpi.improved === true ? "good" : kpi.improved === false ? "bad" : "neutral";
  const toneClass = tone === "good" ? "text-emerald-700 bg-emerald-50" : tone === "bad" ? "text-red-700 bg-red-50" : "text-slate-600 bg-slate-100";
  const better = kpi.direction === "higher" ? "higher is better" : "lower is better";
  return (
    <article data-testid={`kpi-${kpi.id}`} aria-labelledby={`${formulaId}-name`} className="flex min-h-52 flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-2">
        <h3 id={`${formulaId}-name`} className="text-sm font-medium leading-snug text-slate-700" title={kpi.description}>
          {kpi.name}
        </h3>
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls={`${formulaId}-formula`}
          title={kpi.formula}
          data-testid={`kpi-${kpi.id}-formula-toggle`}
          className="shrink-0 rounded-md px-1.5 py-0.5 text-xs font-semibold text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          <span aria-hidden="true">ƒ</span>
          <span className="sr-only">Show the formula of {kpi.name}</span>
        </button>
      </div>
      <p className="mt-2 flex items-baseline gap-2">
        {/* elementtiming: the browser reports when the number was painted (the dashboard benchmark reads it) */}
        <span data-testid={`kpi-${kpi.id}-value`} {...{ elementtiming: "kpi-value" }} className={`text-2xl font-semibold tabular-nums tracking-tight ${kpi.current.value === null ? "text-slate-400" : "text-slate-900"}`}>
          {formatKpiValue(kpi.current.value, kpi.unit)}
        </span>
        <span className="sr-only">{UNIT_LABELS[kpi.unit]}</span>
      </p>
      {kpi.current.value === null ? (
        <p data-testid={`kpi-${kpi.id}-reason`} className="mt-1 text-xs text-slate-500">
          {kpi.current.reason ?? "no data"}
        </p>
      ) : (
        <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
          <span data-testid={`kpi-${kpi.id}-change`} data-tone={tone} className={`rounded px-1.5 py-0.5 font-medium tabular-nums ${toneClass}`} title={better}>
            {change ?? "no comparison"}
            <span className="sr-only">{kpi.improved === true ? " (better)" : kpi.improved === false ? " (worse)" : ""}</span>
          </span>
          <span>vs {formatKpiValue(kpi.previous.value, kpi.unit)} before</span>
        </p>
      )}
      <div className="mt-3">
        <Sparkline id={kpi.id} name={kpi.name} unit={kpi.unit} points={kpi.series} tone={tone} />
      </div>
      <div id={`${formulaId}-formula`} hidden={!open} data-testid={`kpi-${kpi.id}-formula`} className="mt-3 rounded-md bg-slate-50 p-2 text-xs leading-relaxed text-slate-700">
        <p>{kpi.formula}</p>
        <p className="mt-1 text-slate-500">{better}</p>
      </div>
      {kpi.ignoredFilters.length ? (
        <p className="mt-2 text-xs text-amber-700">Not filtered by {kpi.ignoredFilters.map((f) => FILTER_NAMES[f] ?? f).join(", ")}</p>
      ) : null}
      <div className="mt-auto flex flex-wrap items-center justify-between gap-2 pt-3 text-xs">
        <IntentLink href={`/kpis#kpi-${kpi.id}`} className="text-slate-500 underline-offset-2 hover:text-indigo-700 hover:underline">
          How is this computed?
        </IntentLink>
        {kpi.hasDrillDown && drillHref ? (
          <IntentLink href={drillHref} data-testid={`kpi-${kpi.id}-drill`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            See records →
          </IntentLink>
        ) : null}
      </div>
    </article>
  );
}

/** A responsive grid of KPI cards. */
export function KpiGrid({ kpis, drillQuery, testId }: { kpis: KpiView[]; /** the view's query string, carried to the drill-down page */ drillQuery?: string; testId?: string }) {
  if (!kpis.length) return null;
  return (
    <div data-testid={testId} className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {kpis.map((k) => (
        <KpiCard key={k.id} kpi={k} drillHref={drillQuery === undefined ? undefined : `/dashboards/drill/${k.id}${drillQuery ? `?${drillQuery}` : ""}`} />
      ))}
    </div>
  );
}
