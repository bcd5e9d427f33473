"use client";
import "./chart-setup";
import { Line } from "react-chartjs-2";
import { COLORS } from "./chart-setup";
import { formatKpiValue, type KpiUnit } from "./format";

/** A small trend line of a KPI's series (no axes); gaps where the value could not be computed. */
export function Sparkline({ id, name, unit, points, tone }: { id: string; name: string; unit: KpiUnit; points: { label: string; value: number | null }[]; tone: "good" | "bad" | "neutral" }) {
  const color = tone === "good" ? COLORS.emerald : tone === "bad" ? COLORS.red : COLORS.indigo;
  const known = points.filter((p) => p.value !== null).length;
  return (
    <div className="h-10 w-full">
      {known >= 2 ? (
        <Line
          data-testid={`spark-${id}`}
          aria-label={`${name}: trend over the period, ${points.length} points`}
          role="img"
          data={{
            labels: points.map((p) => p.label),
            datasets: [{ data: points.map((p) => p.value), borderColor: color, backgroundColor: `${color}22`, fill: true, borderWidth: 1.5, pointRadius: 0, tension: 0.3, spanGaps: true }],
          }}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            plugins: { legend: { display: false }, tooltip: { enabled: true, displayColors: false, callbacks: { label: (c) => formatKpiValue(c.parsed.y, unit) } } },
            scales: { x: { display: false }, y: { display: false } },
            layout: { padding: 2 },
          }}
        />
      ) : (
        <p className="pt-3 text-xs text-slate-400">Not enough points for a trend</p>
      )}
    </div>
  );
}
