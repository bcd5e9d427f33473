"use client";
import "./chart-setup";
import { Bar, Line } from "react-chartjs-2";
import type { ChartOptions } from "chart.js";
import { COLORS, PALETTE } from "./chart-setup";
import { formatKpiValue, type KpiUnit } from "./format";

// The dashboards' charts. Each sits in a box of fixed height (no layout jump while it draws), has an
// aria-label saying what it shows, and a data-testid "chart-<name>" on its canvas.

/** `axis: "right"` puts a series on a second scale (for values of another magnitude, e.g. churn beside retention). */
export type LineSeries = { label: string; unit: KpiUnit; values: (number | null)[]; color?: string; dashed?: boolean; axis?: "right" };

function Box({ height, children }: { height: number; children: React.ReactNode }) {
  return (
    <div className="relative w-full" style={{ height }}>
      {children}
    </div>
  );
}

export function EmptyChart({ height = 240, text = "No data in this period" }: { height?: number; text?: string }) {
  return (
    <div className="grid w-full place-items-center rounded-lg border border-dashed border-slate-200 text-sm text-slate-500" style={{ height }} data-testid="chart-empty">
      {text}
    </div>
  );
}

/** Axis labels by unit; with a fine step (e.g. 99.85% … 100%) two decimals so neighbouring labels differ. */
function axisLabel(unit: KpiUnit) {
  return (v: string | number, _i: number, ticks: { value: number }[]) => {
    const step = ticks.length > 1 ? Math.abs(ticks[1]!.value - ticks[0]!.value) : 1;
    const n = Number(v);
    if (step < 0.1 && unit !== "money" && unit !== "count") return `${n.toFixed(2)}${unit === "percent" ? "%" : ""}`;
    return formatKpiValue(n, unit);
  };
}

const hasData = (arrays: (number | null)[][]) => arrays.some((a) => a.some((v) => v !== null && v !== 0));

/** Trend lines over the period's buckets (one axis; series should share a unit). */
export function TrendChart({ name, title, labels, series, height = 240 }: { name: string; title: string; labels: string[]; series: LineSeries[]; height?: number }) {
  if (!labels.length || !hasData(series.map((s) => s.values))) return <EmptyChart height={height} />;
  const unit = series[0]!.unit;
  const right = series.find((s) => s.axis === "right");
  const options: ChartOptions<"line"> = {
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: "index", intersect: false },
    plugins: {
      legend: { display: series.length > 1, position: "bottom", labels: { boxWidth: 12 } },
      tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatKpiValue(c.parsed.y, series[c.datasetIndex]?.unit ?? unit)}` } },
    },
    scales: {
      x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
      y: { beginAtZero: unit !== "score" && !right, ticks: { callback: axisLabel(unit) } },
      ...(right ? { y1: { position: "right" as const, beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { callback: axisLabel(right.unit) } } } : {}),
    },
  };
  return (
    <Box height={height}>
      <Line
        data-testid={`chart-${name}`}
        aria-label={title}
        role="img"
        options={options}
        data={{
          labels,
          datasets: series.map((s, i) => {
            const color = s.color ?? PALETTE[i % PALETTE.length]!;
            return { label: s.axis === "right" ? `${s.label} (right axis)` : s.label, yAxisID: s.axis === "right" ? "y1" : "y", data: s.values, borderColor: color, backgroundColor: color, borderDash: s.dashed ? [6, 4] : undefined, pointRadius: 2, borderWidth: 2, tension: 0.25, spanGaps: true };
          }),
        }}
      />
    </Box>
  );
}

export type BarSeries = { label: string; values: number[]; color?: string };

/** Bars per category; stacked (parts of a whole) or side by side. Horizontal when `horizontal`. */
export function StackedBarChart(props: {
  name: string;
  title: string;
  labels: string[];
  series: BarSeries[];
  unit?: KpiUnit;
  stacked?: boolean;
  horizontal?: boolean;
  height?: number;
  /** the labels are time buckets: skip some rather than slant them */
  time?: boolean;
  max?: number;
}) {
  const { name, title, labels, series, unit = "count", stacked = true, horizontal = false, height = 260, time = false, max } = props;
  if (!labels.length || !hasData(series.map((s) => s.values))) return <EmptyChart height={height} />;
  const valueAxis = { stacked, beginAtZero: true, max, ticks: { maxRotation: 0, callback: (v: string | number) => formatKpiValue(Number(v), unit) } };
  const categoryAxis = { stacked, grid: { display: false }, ticks: time ? { autoSkip: true, maxRotation: 0, maxTicksLimit: 8 } : { autoSkip: false, maxRotation: horizontal ? 0 : 45 } };
  const options: ChartOptions<"bar"> = {
    responsive: true,
    maintainAspectRatio: false,
    indexAxis: horizontal ? "y" : "x",
    interaction: { mode: "index", intersect: false },
    plugins: {
      legend: { display: series.length > 1, position: "bottom", labels: { boxWidth: 12 } },
      tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatKpiValue(horizontal ? c.parsed.x : c.parsed.y, unit)}` } },
    },
    scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
  };
  return (
    <Box height={height}>
      <Bar
        data-testid={`chart-${name}`}
        aria-label={title}
        role="img"
        options={options}
        data={{ labels, datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: s.color ?? PALETTE[i % PALETTE.length]!, borderRadius: 3, maxBarThickness: 48 })) }}
      />
    </Box>
  );
}

/** A funnel as horizontal bars, widest first, with each step's share of the first. */
export function FunnelChart({ name, title, steps, height = 200 }: { name: string; title: string; steps: { label: string; value: number }[]; height?: number }) {
  if (!steps.length || !steps[0]!.value) return <EmptyChart height={height} />;
  const first = steps[0]!.value;
  const labels = steps.map((s, i) => (i === 0 ? s.label : `${s.label} (${((s.value / first) * 100).toFixed(1)}%)`));
  const options: ChartOptions<"bar"> = {
    responsive: true,
    maintainAspectRatio: false,
    indexAxis: "y",
    plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => formatKpiValue(c.parsed.x, "count") } } },
    scales: { x: { beginAtZero: true, ticks: { callback: (v) => formatKpiValue(Number(v), "count") } }, y: { grid: { display: false } } },
  };
  return (
    <Box height={height}>
      <Bar
        data-testid={`chart-${name}`}
        aria-label={`${title}: ${steps.map((s) => `${s.label} ${s.value}`).join(", ")}`}
        role="img"
        options={options}
        data={{ labels, datasets: [{ label: title, data: steps.map((s) => s.value), backgroundColor: [COLORS.indigo, COLORS.sky, COLORS.emerald, COLORS.amber], borderRadius: 3 }] }}
      />
    </Box>
  );
}

/** NPS answers per score 0..10: detractors red, passives grey, promoters green. */
export function NpsDistributionChart({ name = "nps-distribution", counts, height = 240 }: { name?: string; counts: number[]; height?: number }) {
  if (!counts.some((c) => c > 0)) return <EmptyChart height={height} />;
  const color = (s: number) => (s <= 6 ? COLORS.red : s <= 8 ? COLORS.slate : COLORS.emerald);
  const options: ChartOptions<"bar"> = {
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { display: false }, tooltip: { callbacks: { title: (items) => `Score ${items[0]?.label ?? ""}`, label: (c) => `${formatKpiValue(c.parsed.y, "count")} answers` } } },
    scales: { x: { grid: { display: false }, title: { display: true, text: "Score (0 = not at all likely, 10 = extremely likely)" } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
  };
  return (
    <Box height={height}>
      <Bar
        data-testid={`chart-${name}`}
        aria-label={`NPS answers per score from 0 to 10: ${counts.map((c, s) => `${s}: ${c}`).join(", ")}`}
        role="img"
        options={options}
        data={{ labels: counts.map((_, s) => String(s)), datasets: [{ label: "Answers", data: counts, backgroundColor: counts.map((_, s) => color(s)), borderRadius: 3 }] }}
      />
    </Box>
  );
}
