"use client";
import "@/components/kpi/chart-setup";
import { Line } from "react-chartjs-2";
import type { ChartOptions } from "chart.js";
import { COLORS } from "@/components/kpi/chart-setup";
import { EmptyChart } from "@/components/kpi/charts";
import { formatKpiValue, type KpiUnit } from "@/components/kpi/format";

export type GoalChartPoint = { at: Date | string; path: number | null; measured: number | null; checkIn: number | null; forecast: number | null };

const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "2-digit", timeZone: "UTC" });

/** Actual vs the straight target path: measured values, check-ins, and the forecast to the deadline. */
export function GoalChart({ points, unit, height = 280 }: { points: GoalChartPoint[]; unit: KpiUnit; height?: number }) {
  if (!points.some((p) => p.path !== null || p.measured !== null || p.checkIn !== null)) return <EmptyChart height={height} text="Nothing to plot yet" />;
  const options: ChartOptions<"line"> = {
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: "index", intersect: false },
    plugins: {
      legend: { position: "bottom", labels: { boxWidth: 12 } },
      tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatKpiValue(c.parsed.y, unit)}` } },
    },
    scales: {
      x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
      y: { ticks: { callback: (v) => formatKpiValue(Number(v), unit) } },
    },
  };
  const series = (key: keyof Omit<GoalChartPoint, "at">) => points.map((p) => p[key]);
  return (
    <div className="relative w-full" style={{ height }}>
      <Line
        data-testid="chart-goal"
        role="img"
        aria-label="The goal's measured value, check-ins and forecast against the straight path from the baseline to the target"
        options={options}
        data={{
          labels: points.map((p) => day.format(new Date(p.at))),
          datasets: [
            { label: "Target path", data: series("path"), borderColor: COLORS.slate, backgroundColor: COLORS.slate, borderDash: [6, 4], pointRadius: 0, borderWidth: 2, spanGaps: true },
            { label: "Measured", data: series("measured"), borderColor: COLORS.indigo, backgroundColor: COLORS.indigo, pointRadius: 3, borderWidth: 2, spanGaps: true },
            { label: "Check-ins", data: series("checkIn"), borderColor: COLORS.emerald, backgroundColor: COLORS.emerald, pointRadius: 5, pointStyle: "rectRot", showLine: false },
            { label: "Forecast", data: series("forecast"), borderColor: COLORS.amber, backgroundColor: COLORS.amber, borderDash: [2, 3], pointRadius: 3, borderWidth: 2, spanGaps: true },
          ],
        }}
      />
    </div>
  );
}
