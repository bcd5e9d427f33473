"use client";
import type { RouterOutputs } from "@/trpc/react";

type DryRun = RouterOutputs["automation"]["testRule"];

/** What a rule would do to the existing records it selects (nothing was written). */
export function DryRunResult({ result }: { result: DryRun }) {
  return (
    <section aria-labelledby="dry-run-heading" className="rounded-md border border-slate-200 bg-slate-50 p-4" data-testid="dry-run">
      <h3 id="dry-run-heading" className="text-sm font-semibold text-slate-900">
        Test against existing records: <span data-testid="dry-run-count">{result.matched}</span> {result.matched === 1 ? "record matches" : "records match"} now
        {result.matched > result.records.length ? ` (the first ${result.records.length} shown)` : ""}
      </h3>
      <p className="mt-1 text-xs text-slate-500">Nothing was changed. This is what the rule would do if these records had the event now.</p>
      {result.records.length ? (
        <ul className="mt-3 space-y-2 text-sm">
          {result.records.map((r) => (
            <li key={r.id} data-testid="dry-run-record">
              <span className="font-medium text-slate-900">{r.name}</span>
              <span className="text-slate-500">
                {r.value !== null ? ` · ${r.value.toLocaleString()}` : ""}
                {r.score !== null ? ` · score ${r.score}` : ""} · {r.stageName}
                {r.source ? ` · ${r.source}` : ""}
              </span>
              <ul className="ml-4 list-disc text-slate-700">
                {r.results.map((x, i) => <li key={i} className={x.outcome === "skipped" ? "text-amber-800" : ""}>{x.outcome === "skipped" ? `skipped: ${x.detail}` : x.detail}</li>)}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
