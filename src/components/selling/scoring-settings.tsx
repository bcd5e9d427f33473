"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { formatCount } from "@/components/format";
import { buttonClass, cardClass, dangerButtonClass, ErrorText, SelectField, SuccessText, TextField } from "@/components/ui";
import type { Preset } from "@/server/kpi/period";
import { ATTRIBUTE_LABELS, COMPANY_SIZE_BANDS, INCOME_BANDS, isDemographic, SCORING_ATTRIBUTES, type ScoringAttribute } from "@/server/scoring/model";
import { fmtPct, PeriodSelect } from "./period-select";

/** The scoring model (weights) with its add / change form, and the conversion-by-score-band check. */
export function ScoringSettings({ canConfigure }: { canConfigure: boolean }) {
  return (
    <div className="space-y-6">
      {canConfigure ? <Weights /> : null}
      <ScoreBands />
    </div>
  );
}

function Weights() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const weights = useQuery(trpc.scoring.listWeights.queryOptions());
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const refresh = () => Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.scoring.listWeights.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.scoring.getBands.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.pipeline.listLeads.pathKey() }),
  ]);
  const remove = useMutation(trpc.scoring.removeWeight.mutationOptions({
    onSuccess: (r) => { setStatus({ kind: "ok", text: `Weight removed; ${formatCount(r.scoresChanged)} lead score(s) changed.` }); void refresh(); },
    onError: (e) => setStatus({ kind: "error", text: toFormError(e).message }),
  }));
  return (
    <section className={`${cardClass} p-5`} aria-labelledby="weights-title">
      <h2 id="weights-title" className="text-base font-semibold text-slate-900">Scoring model</h2>
      <p className="mt-1 text-sm text-slate-600">
        A lead&apos;s score is the sum of the points below, rounded and kept within 0–100. Matching attributes give their points once; counted
        behaviour gives points per visit, open, purchase … up to the cap. Every change recomputes all leads&apos; scores.
      </p>
      <div aria-live="polite" className="mt-3 empty:hidden">
        {status?.kind === "error" ? <ErrorText testId="weights-error">{status.text}</ErrorText> : null}
        {status?.kind === "ok" ? <SuccessText testId="weights-success">{status.text}</SuccessText> : null}
      </div>
      {weights.isPending ? (
        <p className="mt-3 text-sm text-slate-500">Loading…</p>
      ) : weights.error ? (
        <ErrorText testId="weights-load-error" className="mt-3">{toFormError(weights.error).message}</ErrorText>
      ) : weights.data.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">No weights yet: every lead scores 0.</p>
      ) : (
        <table className="mt-3 min-w-full divide-y divide-slate-200 text-sm" data-testid="weights-table">
          <thead>
            <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-2 pr-3">Attribute</th>
              <th scope="col" className="px-3 py-2">Value</th>
              <th scope="col" className="px-3 py-2 text-right">Points</th>
              <th scope="col" className="px-3 py-2 text-right">Cap</th>
              <th scope="col" className="py-2 pl-3"><span className="sr-only">Remove</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {weights.data.map((w) => {
              const attr = w.attribute as ScoringAttribute;
              return (
                <tr key={w.id} data-testid="weight-row">
                  <td className="py-2 pr-3">{ATTRIBUTE_LABELS[attr] ?? w.attribute}</td>
                  <td className="px-3 py-2">{w.value || "per count"}</td>
                  <td className="px-3 py-2 text-right">{w.points}</td>
                  <td className="px-3 py-2 text-right">{w.maxPoints ?? "–"}</td>
                  <td className="py-2 pl-3 text-right">
                    <button type="button" className={dangerButtonClass} disabled={remove.isPending} onClick={() => { setStatus(null); remove.mutate({ attribute: w.attribute, value: w.value }); }}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <WeightForm onSaved={(text) => { setStatus({ kind: "ok", text }); void refresh(); }} />
    </section>
  );
}

function WeightForm({ onSaved }: { onSaved: (t: string) => void }) {
  const trpc = useTRPC();
  const [attribute, setAttribute] = useState<ScoringAttribute>("industry");
  const [value, setValue] = useState("");
  const [points, setPoints] = useState("10");
  const [maxPoints, setMaxPoints] = useState("");
  const [errors, setErrors] = useState<{ message?: string; fields: Record<string, string[]> }>({ fields: {} });
  const fields = ["attribute", "value", "points", "maxPoints"];
  const set = useMutation(trpc.scoring.setWeight.mutationOptions({
    onSuccess: (r) => { setErrors({ fields: {} }); onSaved(r.changed ? `Weight saved; ${formatCount(r.scoresChanged)} lead score(s) changed.` : "Nothing changed."); },
    onError: (e) => {
      const f = toFormError(e);
      // domain messages name the field first ("points: …"): show them next to that field
      const m = /^(attribute|value|points|maxPoints): (.*)$/s.exec(f.message);
      if (m) setErrors({ fields: { [m[1]!]: [m[2]!] } });
      else if (Object.keys(f.fieldErrors).some((k) => fields.includes(k))) setErrors({ fields: f.fieldErrors });
      else setErrors({ message: f.message, fields: {} });
    },
  }));
  const demographic = isDemographic(attribute);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
    set.mutate({ attribute, value: demographic ? value : "", points: num(points), maxPoints: demographic || maxPoints.trim() === "" ? null : num(maxPoints) });
  };
  return (
    <form onSubmit={submit} className="mt-5 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-5 sm:items-start" data-testid="weight-form">
      <SelectField id="weight-attribute" label="Attribute" value={attribute} onChange={(e) => { setAttribute(e.target.value as ScoringAttribute); setValue(""); }} errors={errors.fields.attribute}>
        {SCORING_ATTRIBUTES.map((a) => <option key={a} value={a}>{ATTRIBUTE_LABELS[a]}</option>)}
      </SelectField>
      {attribute === "companySize" || attribute === "incomeBand" ? (
        <SelectField id="weight-value" label="Value" value={value} onChange={(e) => setValue(e.target.value)} errors={errors.fields.value}>
          <option value="">Choose…</option>
          {(attribute === "companySize" ? COMPANY_SIZE_BANDS.map(([l]) => l) : INCOME_BANDS).map((v) => <option key={v} value={v}>{v}</option>)}
        </SelectField>
      ) : (
        <TextField id="weight-value" label="Value" value={value} onChange={(e) => setValue(e.target.value)} disabled={!demographic} placeholder={demographic ? (attribute === "titleKeyword" ? "e.g. director" : "e.g. software") : "counted"} errors={errors.fields.value} />
      )}
      <TextField id="weight-points" label={demographic ? "Points" : "Points per count"} inputMode="decimal" value={points} onChange={(e) => setPoints(e.target.value)} errors={errors.fields.points} />
      <TextField id="weight-maxPoints" label="Cap (points)" inputMode="decimal" value={maxPoints} onChange={(e) => setMaxPoints(e.target.value)} disabled={demographic} placeholder={demographic ? "–" : "no cap"} errors={errors.fields.maxPoints} />
      <div className="sm:pt-6">
        <button type="submit" className={buttonClass} disabled={set.isPending}>Save weight</button>
      </div>
      {errors.message ? <ErrorText testId="weight-form-error" className="sm:col-span-5">{errors.message}</ErrorText> : null}
    </form>
  );
}

function ScoreBands() {
  const trpc = useTRPC();
  const [preset, setPreset] = useState<Preset>("last_12_months");
  const bands = useQuery(trpc.scoring.getBands.queryOptions({ period: { preset } }));
  return (
    <section className={`${cardClass} p-5`} aria-labelledby="bands-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="bands-title" className="text-base font-semibold text-slate-900">Conversion by score band</h2>
        <PeriodSelect id="bands-period" value={preset} onChange={setPreset} />
      </div>
      <p className="mt-1 text-sm text-slate-600">Leads created in the period, by their current score, and the share converted into a deal. A good model converts more in the higher bands.</p>
      {bands.isPending ? (
        <p className="mt-3 text-sm text-slate-500">Loading…</p>
      ) : bands.error ? (
        <ErrorText testId="bands-error" className="mt-3">{toFormError(bands.error).message}</ErrorText>
      ) : (
        <table className="mt-3 min-w-full divide-y divide-slate-200 text-sm" data-testid="score-bands">
          <thead>
            <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-2 pr-3">Score</th>
              <th scope="col" className="px-3 py-2 text-right">Leads</th>
              <th scope="col" className="px-3 py-2 text-right">Converted</th>
              <th scope="col" className="px-3 py-2 text-right">Conversion rate</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {bands.data.bands.map((b) => (
              <tr key={b.lo}>
                <td className="py-2 pr-3">{b.label}</td>
                <td className="px-3 py-2 text-right">{formatCount(b.leads)}</td>
                <td className="px-3 py-2 text-right">{formatCount(b.converted)}</td>
                <td className="px-3 py-2 text-right">{fmtPct(b.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
