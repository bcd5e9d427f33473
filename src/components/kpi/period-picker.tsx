"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { inputClass, secondaryButtonClass, Spinner } from "../ui";

export const PRESET_LABELS = {
  this_month: "This month",
  last_month: "Last month",
  this_quarter: "This quarter",
  last_quarter: "Last quarter",
  this_year: "This year",
  last_year: "Last year",
  last_30_days: "Last 30 days",
  last_90_days: "Last 90 days",
  last_12_months: "Last 12 months",
} as const;
const GRAIN_LABELS = { "": "Auto", week: "Weekly", month: "Monthly", quarter: "Quarterly" } as const;

export type PickerValue = { preset?: string; start?: string; end?: string; grain?: string; owner?: string; team?: string; channel?: string; priority?: string };
type Option = { id: string; name: string };

const DAY = 86_400_000;
const shift = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);


const label = "mb-1 block text-xs font-medium text-slate-600";
const select = `${inputClass} py-1.5`;

/**
 * Period (preset or custom dates), series grain and the view's filters, kept in the URL
 * (?period=this_quarter or ?start=2026-01-01&end=2026-04-01 with an exclusive end; &grain, &owner, &team,
 * &channel, &priority) with router.replace: the page renders on the server from the URL, so a view can be shared.
 */
export function PeriodPicker({ value, owners, teams, channels, priorities }: { value: PickerValue; owners?: Option[]; teams?: Option[]; channels?: string[]; priorities?: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const custom = !value.preset && !!value.start && !!value.end;
  const [mode, setMode] = useState<string>(custom ? "custom" : (value.preset ?? "this_quarter"));
  const [start, setStart] = useState(value.start ?? "");
  // the date inputs show the last day included; the URL holds the exclusive end
  const [last, setLast] = useState(value.end ? shift(value.end, -1) : "");
  const [dateError, setDateError] = useState<string | null>(null);
  // true once React has hydrated the picker (false in the server HTML): a change made before that is not seen
  const hydrated = useHydrated();

  function go(changes: Record<string, string | undefined>) {
    const p = new URLSearchParams(searchParams?.toString() ?? "");
    p.delete("page");
    for (const [k, v] of Object.entries(changes)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    const qs = p.toString();
    startTransition(() => router.replace(qs ? `${pathname}?${qs}` : (pathname ?? "/"), { scroll: false }));
  }

  function applyCustom() {
    if (!start || !last) return setDateError("Choose a start and an end date.");
    if (last < start) return setDateError("The end date must be on or after the start date.");
    setDateError(null);
    go({ period: undefined, start, end: shift(last, 1) });
  }

  return (
    <form
      role="search"
      aria-label="Period and filters"
      data-testid="period-picker"
      data-hydrated={hydrated ? "true" : "false"}
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === "custom") applyCustom();
      }}
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm"
    >
      <div className="w-40">
        <label htmlFor="period-select" className={label}>
          Period
        </label>
        <select
          id="period-select"
          data-testid="period-select"
          className={select}
          value={mode}
          onChange={(e) => {
            setMode(e.target.value);
            if (e.target.value !== "custom") go({ period: e.target.value, start: undefined, end: undefined });
          }}
        >
          {Object.entries(PRESET_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
          <option value="custom">Custom dates…</option>
        </select>
      </div>
      {mode === "custom" ? (
        <>
          <div className="w-40">
            <label htmlFor="period-start" className={label}>
              From
            </label>
            <input id="period-start" data-testid="period-start" type="date" className={select} value={start} onChange={(e) => setStart(e.target.value)} />
          </div>
          <div className="w-40">
            <label htmlFor="period-end" className={label}>
              To (included)
            </label>
            <input id="period-end" data-testid="period-end" type="date" className={select} value={last} onChange={(e) => setLast(e.target.value)} />
          </div>
          <button type="submit" data-testid="period-apply" className={secondaryButtonClass}>
            Apply
          </button>
        </>
      ) : null}
      <div className="w-32">
        <label htmlFor="grain-select" className={label}>
          Trend by
        </label>
        <select id="grain-select" data-testid="grain-select" className={select} value={value.grain ?? ""} onChange={(e) => go({ grain: e.target.value || undefined })}>
          {Object.entries(GRAIN_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      {teams?.length ? (
        <div className="w-40">
          <label htmlFor="team-select" className={label}>
            Team
          </label>
          <select id="team-select" data-testid="team-select" className={select} value={value.team ?? ""} onChange={(e) => go({ team: e.target.value || undefined, owner: undefined })}>
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {owners?.length ? (
        <div className="w-44">
          <label htmlFor="owner-select" className={label}>
            Owner
          </label>
          <select id="owner-select" data-testid="owner-select" className={select} value={value.owner ?? ""} onChange={(e) => go({ owner: e.target.value || undefined, team: undefined })}>
            <option value="">Everyone</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {channels?.length ? (
        <div className="w-32">
          <label htmlFor="channel-select" className={label}>
            Channel
          </label>
          <select id="channel-select" data-testid="channel-select" className={select} value={value.channel ?? ""} onChange={(e) => go({ channel: e.target.value || undefined })}>
            <option value="">All</option>
            {channels.map((c) => (
              <option key={c} value={c}>
                {c.charAt(0) + c.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {priorities?.length ? (
        <div className="w-32">
          <label htmlFor="priority-select" className={label}>
            Priority
          </label>
          <select id="priority-select" data-testid="priority-select" className={select} value={value.priority ?? ""} onChange={(e) => go({ priority: e.target.value || undefined })}>
            <option value="">All</option>
            {priorities.map((c) => (
              <option key={c} value={c}>
                {c.charAt(0) + c.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p aria-live="polite" className="flex h-9 items-center gap-2 text-xs text-slate-500" data-testid="period-pending">
        {pending ? (
          <>
            <Spinner /> Updating…
          </>
        ) : null}
      </p>
      {dateError ? (
        <p data-testid="period-error" aria-live="polite" className="w-full text-xs font-medium text-red-700">
          {dateError}
        </p>
      ) : null}
    </form>
  );
}
