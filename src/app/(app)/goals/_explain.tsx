import { OFF_TRACK_GAP, ON_TRACK_GAP } from "@/server/goals/progress";

/** "How is this computed": the measurement window, progress, today's target, forecast and the status rule. */
export function HowComputed() {
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700" data-testid="how-computed">
      <summary className="cursor-pointer font-medium text-slate-900">How is this computed?</summary>
      <ul className="mt-3 list-disc space-y-2 pl-5">
        <li>
          <strong>Values</strong> come from the KPI engine with the goal&apos;s filters, each over a window as long as the goal (start to the end of the
          deadline day): the <strong>baseline</strong> over the window ending at the start date (or a value entered by hand, with its reason), the{" "}
          <strong>current value</strong> over the window ending today — at the deadline, exactly the goal&apos;s own period.
        </li>
        <li>
          <strong>Progress</strong> = (current − baseline) ÷ (target − baseline) × 100: 0% at the baseline, 100% at the target, negative when the KPI moved the
          wrong way. The same formula is right for lower-is-better KPIs. A relative target is the baseline changed by that percentage.
        </li>
        <li>
          <strong>Today&apos;s target</strong> is the value on a straight line from the baseline at the start to the target at the deadline.
        </li>
        <li>
          <strong>Forecast</strong>: a least-squares line through the KPI over the same window ending at 7 dates a sixth of the goal apart (covering the
          last goal length), extended to the deadline.
        </li>
        <li>
          <strong>Status</strong>: after the deadline, <em>achieved</em> if the value at the deadline meets the target, else <em>missed</em>. Before it,{" "}
          <em>achieved</em> once the current value meets the target; otherwise <em>on track</em> when progress is at most {ON_TRACK_GAP} points behind the share of
          time elapsed or the forecast meets the target, <em>at risk</em> when {ON_TRACK_GAP}–{OFF_TRACK_GAP} points behind, <em>off track</em> beyond. Without a
          baseline or a current value: on track if the forecast meets the target, else at risk.
        </li>
      </ul>
    </details>
  );
}
