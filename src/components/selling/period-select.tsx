"use client";
import type { Preset } from "@/server/kpi/period";

export const REPORT_PRESETS: { value: Preset; label: string }[] = [
  { value: "last_30_days", label: "Last 30 days" },
  { value: "last_90_days", label: "Last 90 days" },
  { value: "this_quarter", label: "This quarter" },
  { value: "this_year", label: "This year" },
  { value: "last_12_months", label: "Last 12 months" },
  { value: "last_year", label: "Last year" },
];

export function PeriodSelect({ id, value, onChange }: { id: string; value: Preset; onChange: (p: Preset) => void }) {
  return (
    <label htmlFor={id} className="flex items-center gap-2 text-sm text-slate-700">
      Period
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Preset)} className="rounded border border-slate-300 bg-white px-2 py-1 text-sm">
        {REPORT_PRESETS.map((p) => (
          <option key={p.value} value={p.value}>{p.label}</option>
        ))}
      </select>
    </label>
  );
}

export const fmtPct = (x: number | null) => (x === null ? "–" : `${Math.round(x)}%`);
export const fmtDays = (x: number | null) => (x === null ? "–" : `${x.toFixed(1)} d`);
