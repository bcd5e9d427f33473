import { STATUS_LABELS, type GoalStatus } from "@/server/goals/progress";

const STYLE: Record<GoalStatus, string> = {
  ON_TRACK: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  ACHIEVED: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  AT_RISK: "bg-amber-50 text-amber-900 ring-amber-200",
  OFF_TRACK: "bg-red-50 text-red-800 ring-red-200",
  MISSED: "bg-slate-100 text-slate-700 ring-slate-300",
};

/** A goal's status as a coloured pill with its name in words (colour is never the only signal). */
export function StatusBadge({ status, testId }: { status: GoalStatus; testId?: string }) {
  return (
    <span data-testid={testId} data-status={status} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${STYLE[status]}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}

/** Progress from baseline to target as a bar (clipped to 0..100) with today's expected position marked. */
export function ProgressBar({ progress, expected, label }: { progress: number | null; expected: number; label: string }) {
  const clip = (v: number) => Math.max(0, Math.min(100, v));
  return (
    <div className="w-full min-w-24" role="img" aria-label={label}>
      <div className="relative h-2 rounded-full bg-slate-100">
        {progress !== null ? <div className="absolute inset-y-0 left-0 rounded-full bg-indigo-500" style={{ width: `${clip(progress)}%` }} /> : null}
        <div className="absolute -top-0.5 h-3 w-0.5 bg-slate-500" style={{ left: `${clip(expected)}%` }} title="today's target" />
      </div>
    </div>
  );
}
