"use client";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC, type RouterInputs, type RouterOutputs } from "@/trpc/react";
import { toFormError, type FormError } from "@/components/errors";
import { buttonClass, cardClass, ErrorText, inputClass, SelectField, Spinner, TextField } from "@/components/ui";
import { formatKpiValue, type KpiUnit } from "@/components/kpi/format";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { TEXT_FILTERS, type GoalFormValues } from "./goal-form-values";

type Options = RouterOutputs["goals"]["getFormOptions"];
type Kpi = Options["kpis"][number];
type Preview = RouterOutputs["goals"]["preview"];
type Warning = Preview["warnings"][number];
type GoalInput = RouterInputs["goals"]["create"];


const FAMILY_LABEL: Record<string, string> = { sales: "Sales & marketing", customer: "Customer", support: "Support & satisfaction", adoption: "CRM adoption & data quality" };
const CADENCES = [
  { value: "MONTHLY", label: "Monthly" },
  { value: "QUARTERLY", label: "Quarterly" },
  { value: "YEARLY", label: "Yearly" },
  { value: "AFTER_CAMPAIGN", label: "After a campaign" },
] as const;
const LETTERS = [
  { letter: "S", name: "Specific", hint: "What exactly, for whom, and how" },
  { letter: "M", name: "Measurable", hint: "A KPI, a baseline and a target" },
  { letter: "A", name: "Achievable", hint: "In the right direction, within reach of the KPI's history" },
  { letter: "R", name: "Relevant", hint: "Why it matters" },
  { letter: "T", name: "Time-bound", hint: "A start, a deadline and reviews" },
] as const;

const parseDay = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : null);
const parseNum = (s: string) => (s.trim() === "" || !Number.isFinite(Number(s)) ? null : Number(s));

/** The form's values as the procedure input (null when a required piece is missing, for the preview). */
function toInput(v: GoalFormValues, kpi: Kpi | undefined) {
  const [kind, id] = v.owner.split(":");
  const filters: Record<string, string> = {};
  if (kpi && v.ownScope && id) {
    if (kind === "user" && kpi.filters.includes("ownerId")) filters.ownerId = id;
    if (kind === "team" && kpi.filters.includes("teamId")) filters.teamId = id;
  }
  for (const k of TEXT_FILTERS) if (kpi?.filters.includes(k) && v.otherFilters[k]?.trim()) filters[k] = v.otherFilters[k]!.trim();
  return {
    title: v.title,
    kpiId: v.kpiId,
    ownerUserId: kind === "user" ? id! : null,
    ownerTeamId: kind === "team" ? id! : null,
    filters,
    startDate: parseDay(v.startDate),
    deadline: parseDay(v.deadline),
    targetType: v.targetType,
    targetValue: parseNum(v.targetValue),
    baselineValue: v.manualBaseline ? parseNum(v.baselineValue) : null,
    baselineNote: v.manualBaseline ? v.baselineNote : null,
    actionPlan: v.actionPlan,
    whyItMatters: v.whyItMatters,
    cadence: v.cadence,
  };
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const FIELDS = ["title", "kpiId", "ownerUserId", "ownerTeamId", "owner", "filters", "startDate", "deadline", "targetType", "targetValue", "baselineValue", "baselineNote", "actionPlan", "whyItMatters", "cadence"];

/** The guided SMART form: create a goal, or edit one (goalId given). Warnings come from the server's preview. */
export function GoalForm({ options, initial, goalId }: { options: Options; initial: GoalFormValues; goalId?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [v, setV] = useState(initial);
  const [error, setError] = useState<FormError | null>(null);
  const set = <K extends keyof GoalFormValues>(k: K, value: GoalFormValues[K]) => setV((old) => ({ ...old, [k]: value }));
  const kpi = options.kpis.find((k) => k.id === v.kpiId);
  const input = useMemo(() => toInput(v, kpi), [v, kpi]);
  const debounced = useDebounced(input, 350);
  const ready = !!debounced.kpiId && !!debounced.startDate && !!debounced.deadline && debounced.targetValue !== null && (!v.manualBaseline || debounced.baselineValue !== null);
  const { ownerUserId: _u, ownerTeamId: _t, ...previewInput } = debounced;
  const preview = useQuery({
    ...trpc.goals.preview.queryOptions(previewInput as RouterInputs["goals"]["preview"]),
    enabled: ready,
    retry: false,
    placeholderData: (prev) => prev,
  });
  const warnings = ready && preview.data ? preview.data.warnings : [];
  const byLetter = (l: string) => warnings.filter((w) => w.letter === l);
  const fieldWarnings = (field: string) => warnings.filter((w) => w.field === field);

  const done = { onSuccess: (r: { id: string }) => router.push(`/goals/${r.id}`), onError: (e: unknown) => setError(toFormError(e, FIELDS)) };
  const create = useMutation(trpc.goals.create.mutationOptions(done));
  const update = useMutation(trpc.goals.update.mutationOptions(done));
  const pending = create.isPending || update.isPending;

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const missing: Record<string, string[]> = {};
    if (!v.title.trim()) missing.title = ["Give the goal a title."];
    if (!v.kpiId) missing.kpiId = ["Choose a KPI."];
    if (!v.owner) missing.owner = ["Choose an owner."];
    if (!input.startDate) missing.startDate = ["Enter a start date."];
    if (!input.deadline) missing.deadline = ["A goal needs a deadline."];
    if (input.targetValue === null) missing.targetValue = ["Enter a number."];
    if (v.manualBaseline && input.baselineValue === null) missing.baselineValue = ["Enter a number."];
    if (Object.keys(missing).length) return setError({ message: "Some fields need attention.", fieldErrors: missing });
    const body = input as GoalInput;
    if (goalId) update.mutate({ ...body, goalId });
    else create.mutate(body);
  }

  const fe = (k: string) => error?.fieldErrors[k];
  const unit = (kpi?.unit ?? "count") as KpiUnit;
  const p = ready ? preview.data : undefined;

  return (
    <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-6 lg:grid-cols-[1fr_18rem]" data-testid="goal-form" aria-describedby="goal-form-intro">
      <div className="space-y-6">
        <p id="goal-form-intro" className="text-sm text-slate-600">
          Walk through the five SMART questions. The checklist updates as you type; warnings do not stop you from saving, but a goal that is not SMART is hard to track.
        </p>
        <Step letter="S" title="Specific" hint="What exactly will improve, for whom, and how.">
          <TextField id="title" label="Goal title" value={v.title} onChange={(e) => set("title", e.target.value)} errors={fe("title")} placeholder="e.g. Reduce churn by 25% by the end of next quarter" maxLength={200} />
          <SelectField id="kpiId" label="KPI" value={v.kpiId} onChange={(e) => set("kpiId", e.target.value)} errors={fe("kpiId")} hint={kpi ? `${kpi.description} Better when ${kpi.direction}. ${kpi.formula}` : "The KPIs your role may set goals on."}>
            <option value="">Choose a KPI…</option>
            {Object.entries(groupBy(options.kpis, (k) => k.family)).map(([family, list]) => (
              <optgroup key={family} label={FAMILY_LABEL[family] ?? family}>
                {list.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <SelectField id="owner" label="Owner" value={v.owner} onChange={(e) => set("owner", e.target.value)} errors={fe("owner") ?? fe("ownerUserId") ?? fe("ownerTeamId")} hint="Who is accountable: a person or a team within your reach.">
            <option value="">Choose an owner…</option>
            <optgroup label="People">
              {options.people.map((u) => (
                <option key={u.id} value={`user:${u.id}`}>
                  {u.name}
                  {u.isMe ? " (me)" : ""} · {ROLE_LABELS[u.role]}
                </option>
              ))}
            </optgroup>
            {options.teams.length ? (
              <optgroup label="Teams">
                {options.teams.map((t) => (
                  <option key={t.id} value={`team:${t.id}`}>
                    {t.name} (team)
                  </option>
                ))}
              </optgroup>
            ) : null}
          </SelectField>
          {kpi && (kpi.filters.includes("ownerId") || kpi.filters.includes("teamId")) ? (
            <label className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" className="mt-0.5" checked={v.ownScope} onChange={(e) => set("ownScope", e.target.checked)} />
              <span>Count only the owner&apos;s records (the KPI filtered to this person or team). Unticked: the whole organization&apos;s value.</span>
            </label>
          ) : kpi ? (
            <p className="text-xs text-slate-500">This KPI is organization-wide: it cannot be narrowed to a person or a team.</p>
          ) : null}
          {kpi && TEXT_FILTERS.some((k) => kpi.filters.includes(k)) ? (
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              {TEXT_FILTERS.filter((k) => kpi.filters.includes(k)).map((k) => (
                <TextField key={k} id={`filter-${k}`} label={`Only ${k} (optional)`} value={v.otherFilters[k] ?? ""} onChange={(e) => set("otherFilters", { ...v.otherFilters, [k]: e.target.value })} errors={fe(`filters.${k}`)} maxLength={120} />
              ))}
            </div>
          ) : null}
          <TextArea id="actionPlan" label="Action plan" value={v.actionPlan} onChange={(s) => set("actionPlan", s)} errors={fe("actionPlan")} warnings={fieldWarnings("actionPlan")} hint="The specific actions that will move the KPI." />
        </Step>

        <Step letter="M" title="Measurable" hint="The baseline is the KPI over a window as long as the goal, ending at the start date. The current value uses the same window ending today.">
          <div data-testid="baseline-measured" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" aria-live="polite">
            {!v.kpiId ? "Choose a KPI to measure the baseline." : preview.isFetching && !p ? "Measuring…" : p ? (
              <>
                Measured baseline: <strong>{formatKpiValue(p.baselineMeasured, unit)}</strong>
                {p.baselineProvisional ? " (provisional: the start date is ahead, measured up to today)" : ""} · today: <strong>{formatKpiValue(p.current, unit)}</strong> · window {p.windowDays} days
              </>
            ) : preview.error ? <span className="text-red-700">{toFormError(preview.error, FIELDS).message}</span> : "Fill in the dates and a target to measure."}
          </div>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" className="mt-0.5" checked={v.manualBaseline} onChange={(e) => set("manualBaseline", e.target.checked)} />
            <span>Enter the baseline by hand (e.g. a number from a report), with the reason</span>
          </label>
          {v.manualBaseline ? (
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <TextField id="baselineValue" label="Baseline" inputMode="decimal" value={v.baselineValue} onChange={(e) => set("baselineValue", e.target.value)} errors={fe("baselineValue")} />
              <TextField id="baselineNote" label="Reason for this baseline" value={v.baselineNote} onChange={(e) => set("baselineNote", e.target.value)} errors={fe("baselineNote")} maxLength={500} />
            </div>
          ) : null}
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <SelectField id="targetType" label="Target as" value={v.targetType} onChange={(e) => set("targetType", e.target.value as GoalFormValues["targetType"])} errors={fe("targetType")}>
              <option value="ABSOLUTE">An absolute value</option>
              <option value="RELATIVE">A change from the baseline, in %</option>
            </SelectField>
            <TextField
              id="targetValue"
              label={v.targetType === "RELATIVE" ? "Target change (%)" : "Target value"}
              inputMode="decimal"
              value={v.targetValue}
              onChange={(e) => set("targetValue", e.target.value)}
              errors={fe("targetValue") ?? fieldWarnings("targetValue").filter((w) => w.letter === "M").map((w) => w.message)}
              hint={v.targetType === "RELATIVE" ? "Relative to the baseline: -25 reduces it by a quarter (a 4% churn becomes 3%)." : kpi ? `In ${kpi.unit === "percent" ? "percent" : kpi.unit}.` : undefined}
            />
          </div>
          {p && p.target !== null ? (
            <p data-testid="target-resolved" className="text-sm text-slate-700">
              From <strong>{formatKpiValue(p.baseline, unit)}</strong> to <strong>{formatKpiValue(p.target, unit)}</strong>
            </p>
          ) : null}
        </Step>

        <Step letter="A" title="Achievable" hint="Checked against the KPI's direction and the changes it has shown between consecutive periods before the start.">
          {p ? (
            <p className="text-sm text-slate-600" data-testid="kpi-history">
              The KPI over the last {p.history.length} periods of {p.windowDays} days before the start: {p.history.map((h) => formatKpiValue(h, unit)).join(" → ")}
            </p>
          ) : (
            <p className="text-sm text-slate-500">Choose a KPI, dates and a target to check them.</p>
          )}
          <WarningList items={byLetter("A")} />
        </Step>

        <Step letter="R" title="Relevant" hint="Why this goal matters now.">
          <TextArea id="whyItMatters" label="Why it matters" value={v.whyItMatters} onChange={(s) => set("whyItMatters", s)} errors={fe("whyItMatters")} warnings={fieldWarnings("whyItMatters")} />
        </Step>

        <Step letter="T" title="Time-bound" hint="The deadline day is included.">
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
            <TextField id="startDate" type="date" label="Start date" value={v.startDate} onChange={(e) => set("startDate", e.target.value)} errors={fe("startDate")} />
            <TextField id="deadline" type="date" label="Deadline" value={v.deadline} onChange={(e) => set("deadline", e.target.value)} errors={fe("deadline") ?? fieldWarnings("deadline").map((w) => w.message)} />
            <SelectField id="cadence" label="Review cadence" value={v.cadence} onChange={(e) => set("cadence", e.target.value as GoalFormValues["cadence"])} errors={fe("cadence")}>
              {CADENCES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </SelectField>
          </div>
        </Step>

        {error ? <ErrorText testId="goal-form-error">{error.message}</ErrorText> : null}
        <div className="flex items-center gap-3">
          <button type="submit" className={buttonClass} disabled={pending} data-testid="goal-save">
            {pending ? <Spinner /> : null}
            {goalId ? "Save changes" : "Create goal"}
          </button>
          {warnings.length ? <span className="text-xs text-amber-700">{warnings.length} SMART warning{warnings.length > 1 ? "s" : ""}: you can still save.</span> : null}
        </div>
      </div>

      <aside aria-labelledby="smart-heading" className={`${cardClass} h-fit p-4 lg:sticky lg:top-4`} data-testid="smart-checklist">
        <h2 id="smart-heading" className="text-sm font-semibold text-slate-800">
          SMART check {preview.isFetching ? <Spinner /> : null}
        </h2>
        <ul className="mt-3 space-y-3 text-sm">
          {LETTERS.map((l) => {
            const ws = byLetter(l.letter);
            const ok = ready && !!preview.data && ws.length === 0;
            return (
              <li key={l.letter} data-testid={`smart-${l.letter}`} data-ok={ok ? "true" : "false"}>
                <span className={`mr-2 inline-grid size-6 place-items-center rounded-full text-xs font-bold ${ok ? "bg-emerald-100 text-emerald-800" : ws.length ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-600"}`}>{l.letter}</span>
                <span className="font-medium text-slate-800">{l.name}</span>
                <span className="sr-only">{ok ? ": fine" : ws.length ? `: ${ws.length} warning(s)` : ": not checked yet"}</span>
                {ws.length ? (
                  <ul className="ml-8 mt-1 list-disc space-y-1 text-xs text-amber-800">
                    {ws.map((w, i) => (
                      <li key={i}>{w.message}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="ml-8 text-xs text-slate-500">{l.hint}</p>
                )}
              </li>
            );
          })}
        </ul>
      </aside>
    </form>
  );
}

function groupBy<T>(list: T[], key: (t: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const item of list) (out[key(item)] ??= []).push(item);
  return out;
}

function Step({ letter, title, hint, children }: { letter: string; title: string; hint: string; children: ReactNode }) {
  return (
    <fieldset className={`${cardClass} space-y-4 p-5`} data-testid={`step-${letter}`}>
      <legend className="sr-only">
        {letter}: {title}
      </legend>
      <div aria-hidden="true">
        <p className="text-base font-semibold text-slate-900">
          <span className="mr-2 inline-grid size-7 place-items-center rounded-full bg-indigo-600 text-sm font-bold text-white">{letter}</span>
          {title}
        </p>
        <p className="mt-1 text-xs text-slate-500">{hint}</p>
      </div>
      {children}
    </fieldset>
  );
}

function TextArea({ id, label, value, onChange, errors, warnings, hint }: { id: string; label: string; value: string; onChange: (v: string) => void; errors?: string[]; warnings?: Warning[]; hint?: string }) {
  const notes = [...(errors ?? []), ...(warnings ?? []).map((w) => w.message)];
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea id={id} rows={3} maxLength={5000} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={notes.length || hint ? `${id}-notes` : undefined} aria-invalid={errors?.length ? true : undefined} />
      {hint || notes.length ? (
        <p id={`${id}-notes`} className={`mt-1 text-xs ${errors?.length ? "font-medium text-red-700" : notes.length ? "text-amber-700" : "text-slate-500"}`}>
          {notes.length ? notes.join(" ") : hint}
        </p>
      ) : null}
    </div>
  );
}

function WarningList({ items }: { items: Warning[] }) {
  if (!items.length) return null;
  return (
    <ul className="list-disc space-y-1 rounded-md border border-amber-200 bg-amber-50 py-2 pl-8 pr-3 text-sm text-amber-900" data-testid="achievable-warnings">
      {items.map((w, i) => (
        <li key={i}>{w.message}</li>
      ))}
    </ul>
  );
}
