"use client";
import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/trpc/react";
import { TYPE_DEFS, type ImportType } from "@/server/import/fields";
import { DATE_FORMATS, type DateFormat } from "@/server/import/convert";
import { DUPLICATE_MODES, duplicateKeyLabels, type DuplicateMode } from "@/server/import/processor";
import type { Mapping } from "@/server/import/mapping";
import { toFormError } from "@/components/errors";
import { buttonClass, cardClass, dangerButtonClass, ErrorText, inputClass, secondaryButtonClass, SelectField, Spinner, SuccessText } from "@/components/ui";
import { formatCount } from "@/components/format";
import { STATUS_CLASSES, STATUS_LABELS } from "./labels";

type Job = RouterOutputs["import"]["getJob"];
const ACTIVE = new Set(["VALIDATING", "COMMITTING"]);
const EDITABLE = new Set(["MAPPING", "VALIDATED", "FAILED", "CANCELLED"]);

export function ImportJobView({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const job = useQuery({
    ...trpc.import.getJob.queryOptions({ jobId }),
    // poll while a pass runs: the progress bar follows the server
    refetchInterval: (q) => (q.state.data && ACTIVE.has(q.state.data.status) ? 400 : false),
  });
  if (job.isPending) return <p className="text-sm text-slate-500">Loading the import…</p>;
  if (job.error) return <ErrorText testId="job-load-error">{toFormError(job.error).message}</ErrorText>;
  return <JobDetails job={job.data} />;
}

function JobDetails({ job }: { job: Job }) {
  const def = TYPE_DEFS[job.type as ImportType];
  return (
    <>
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          Import {def.plural.toLowerCase()}: {job.fileName}
        </h1>
        <p className="mt-2 flex flex-wrap items-center gap-3 text-sm text-slate-600">
          <span data-testid="job-status" className={`rounded px-2 py-0.5 text-xs font-semibold ${STATUS_CLASSES[job.status] ?? ""}`}>
            {STATUS_LABELS[job.status] ?? job.status}
          </span>
          <span>{formatCount(Math.round(job.fileSize / 1024))} KB</span>
          {job.totalRows != null ? <span>{formatCount(job.totalRows)} rows</span> : null}
        </p>
      </header>
      {job.message ? (
        job.status === "DONE" ? (
          <SuccessText testId="job-message">{job.message}</SuccessText>
        ) : (
          <ErrorText testId="job-message">{job.message}</ErrorText>
        )
      ) : null}
      {ACTIVE.has(job.status) ? <Progress job={job} /> : null}
      {job.status === "VALIDATED" || job.status === "DONE" ? <ValidationResult job={job} /> : null}
      {EDITABLE.has(job.status) && !job.running ? <MappingForm key={job.updatedAt.toString()} job={job} /> : null}
    </>
  );
}

function Progress({ job }: { job: Job }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(trpc.import.cancel.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(trpc.import.getJob.queryKey({ jobId: job.id }), data) }));
  const validating = job.status === "VALIDATING";
  // validation does not know the row count yet: its progress is the share of the file read
  const max = validating ? Math.max(job.fileSize, 1) : Math.max(job.totalRows ?? 0, 1);
  const value = Math.min(validating ? job.processedBytes : job.processedRows, max);
  const label = validating
    ? `Checking rows: ${formatCount(job.processedRows)} rows (${Math.round((value / max) * 100)}% of the file)`
    : `Importing: ${formatCount(job.processedRows)} of ${formatCount(job.totalRows ?? 0)} rows`;
  return (
    <section aria-labelledby="progress-label" className={`${cardClass} p-5`}>
      <label id="progress-label" htmlFor="import-progress" className="text-sm font-medium text-slate-800" data-testid="progress-label">
        {label}
      </label>
      <progress id="import-progress" data-testid="import-progress" className="mt-2 block h-3 w-full" max={max} value={value} />
      <div className="mt-3 flex items-center gap-3">
        <button type="button" className={dangerButtonClass} onClick={() => cancel.mutate({ jobId: job.id })} disabled={cancel.isPending}>
          {cancel.isPending ? <Spinner /> : null}
          Cancel
        </button>
        <span className="text-xs text-slate-500">{validating ? "Nothing is written while rows are checked." : "Cancelling rolls the whole import back."}</span>
      </div>
      {cancel.error ? <ErrorText testId="cancel-error" className="mt-3">{toFormError(cancel.error).message}</ErrorText> : null}
    </section>
  );
}

function MappingForm({ job }: { job: Job }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const type = job.type as ImportType;
  const def = TYPE_DEFS[type];
  const [mapping, setMapping] = useState<Mapping>(job.mapping);
  const [duplicateMode, setDuplicateMode] = useState<DuplicateMode>(job.duplicateMode as DuplicateMode);
  const [dateFormat, setDateFormat] = useState<DateFormat>(job.dateFormat as DateFormat);
  const [error, setError] = useState<string | null>(null);
  const setJob = (data: Job) => queryClient.setQueryData(trpc.import.getJob.queryKey({ jobId: job.id }), data);
  const save = useMutation(trpc.import.updateMapping.mutationOptions());
  const validate = useMutation(trpc.import.validate.mutationOptions());
  const busy = save.isPending || validate.isPending;

  const used = new Map<string, number>();
  for (const k of Object.values(mapping)) if (k) used.set(k, (used.get(k) ?? 0) + 1);
  const missing = def.fields.filter((fd) => fd.required && !used.has(fd.key)).map((fd) => fd.label);
  const ignored = job.headers.filter((_, i) => !mapping[String(i)]);
  const keys = duplicateKeyLabels(type);

  async function onValidate() {
    setError(null);
    try {
      await save.mutateAsync({ jobId: job.id, mapping, duplicateMode, dateFormat });
      setJob(await validate.mutateAsync({ jobId: job.id }));
      await queryClient.invalidateQueries({ queryKey: trpc.import.getJob.queryKey({ jobId: job.id }) });
    } catch (e) {
      setError(toFormError(e).message);
    }
  }

  return (
    <section aria-labelledby="mapping-heading" className={`${cardClass} p-5`}>
      <h2 id="mapping-heading" className="text-base font-semibold text-slate-900">
        Column mapping
      </h2>
      <p className="mt-1 text-sm text-slate-600">Recognised columns are mapped already. Choose a field for the others, or leave them ignored.</p>
      <div className="mt-4 overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="mapping-table">
          <thead>
            <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-2 pr-3">Column in the file</th>
              <th scope="col" className="py-2 pr-3">First values</th>
              <th scope="col" className="py-2">Field</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {job.headers.map((h, i) => {
              const key = mapping[String(i)] ?? "";
              return (
                <tr key={i}>
                  <td className="py-2 pr-3 font-medium text-slate-800">{h || <em className="text-slate-400">(no header)</em>}</td>
                  <td className="max-w-xs truncate py-2 pr-3 text-slate-500">
                    {job.sample
                      .slice(0, 3)
                      .map((r) => r[i] ?? "")
                      .filter(Boolean)
                      .join(" · ")}
                  </td>
                  <td className="py-2">
                    <label htmlFor={`map-${i}`} className="sr-only">
                      Field for column {h}
                    </label>
                    <select
                      id={`map-${i}`}
                      className={inputClass}
                      value={key}
                      onChange={(e) => setMapping({ ...mapping, [String(i)]: e.target.value || null })}
                      aria-invalid={key && (used.get(key) ?? 0) > 1 ? true : undefined}
                    >
                      <option value="">— ignore this column —</option>
                      {def.fields.map((fd) => (
                        <option key={fd.key} value={fd.key}>
                          {fd.label}
                          {fd.required ? " (required)" : ""}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {missing.length ? (
        <p className="mt-3 text-sm text-red-700" data-testid="missing-required">
          Required fields without a column: {missing.join(", ")}.
        </p>
      ) : null}
      {ignored.length ? <p className="mt-2 text-xs text-slate-500">Ignored columns: {ignored.join(", ")}.</p> : null}

      <div className="mt-5 grid grid-cols-1 gap-4 sm:grid-cols-2">
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">Duplicates</legend>
          <p className="mb-2 text-xs text-slate-500">{keys.length ? `A row is a duplicate when it has the same ${keys.join(", or the same ")} as an existing record or an earlier row.` : "Duplicates are not detected for this type: every row is created."}</p>
          {(Object.keys(DUPLICATE_MODES) as DuplicateMode[]).map((m) => (
            <label key={m} className="flex items-start gap-2 py-0.5 text-sm text-slate-700">
              <input type="radio" name="duplicateMode" value={m} checked={duplicateMode === m} onChange={() => setDuplicateMode(m)} disabled={m === "keep" && def.uniqueKey} className="mt-1" />
              <span>{DUPLICATE_MODES[m]}</span>
            </label>
          ))}
        </fieldset>
        <SelectField id="date-format" label="Dates in the file" value={dateFormat} onChange={(e) => setDateFormat(e.target.value as DateFormat)} hint="Written day/month or month/day? Say which; ambiguous dates are never guessed.">
          {(Object.keys(DATE_FORMATS) as DateFormat[]).map((f) => (
            <option key={f} value={f}>
              {DATE_FORMATS[f]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="mt-5 flex items-center gap-3">
        <button type="button" className={buttonClass} onClick={onValidate} disabled={busy || missing.length > 0}>
          {busy ? <Spinner /> : null}
          Validate {job.status === "MAPPING" ? "" : "again"}
        </button>
        <span className="text-xs text-slate-500">Validation checks every row and writes nothing.</span>
      </div>
      {error ? <ErrorText testId="mapping-error" className="mt-3">{error}</ErrorText> : null}
    </section>
  );
}

function ValidationResult({ job }: { job: Job }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const commit = useMutation(trpc.import.commit.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(trpc.import.getJob.queryKey({ jobId: job.id }), data) }));
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setConfirming(false), [job.status]);
  const s = job.stats;
  const done = job.status === "DONE";
  const canImport = job.status === "VALIDATED" && job.errorCount === 0 && !job.running;
  const stat = (label: string, value: number | undefined, testId: string) => (
    <div className="rounded-md border border-slate-200 px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {formatCount(value ?? 0)}
      </dd>
    </div>
  );

  return (
    <section aria-labelledby="result-heading" className={`${cardClass} p-5`}>
      <h2 id="result-heading" className="text-base font-semibold text-slate-900">
        {done ? "Result" : "Validation"}
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-5">
        {stat("Rows", s.rows, "stat-rows")}
        {done ? stat("Created", s.created, "stat-created") : stat("To create", s.toCreate, "stat-create")}
        {done ? stat("Updated", s.updated, "stat-updated") : stat("To update", s.toUpdate, "stat-update")}
        {stat(done ? "Skipped (duplicates)" : "To skip (duplicates)", done ? s.skipped : s.toSkip, "stat-skip")}
        {stat("Errors", job.errorCount, "stat-errors")}
      </dl>
      {(s.duplicatesInFile ?? 0) + (s.duplicatesExisting ?? 0) > 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          Duplicates: {formatCount(s.duplicatesExisting ?? 0)} of existing records, {formatCount(s.duplicatesInFile ?? 0)} of earlier rows in the file.
        </p>
      ) : null}
      {job.errorCount > 0 ? (
        <div className="mt-4">
          <p className="text-sm text-slate-700">
            {Object.entries(s.errorsByColumn ?? {})
              .map(([col, n]) => `${col}: ${formatCount(n)}`)
              .join(" · ")}
          </p>
          <div className="mt-3 max-h-96 overflow-auto rounded-md border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="errors-table">
              <caption className="sr-only">Errors, first {job.errorSample.length}</caption>
              <thead className="sticky top-0 bg-white">
                <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <th scope="col" className="px-3 py-2">Row</th>
                  <th scope="col" className="px-3 py-2">Column</th>
                  <th scope="col" className="px-3 py-2">Value</th>
                  <th scope="col" className="px-3 py-2">Problem</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {job.errorSample.map((e, i) => (
                  <tr key={i}>
                    <td className="px-3 py-1.5 tabular-nums">{e.row}</td>
                    <td className="px-3 py-1.5">{e.column}</td>
                    <td className="max-w-xs truncate px-3 py-1.5 font-mono text-xs">{e.value}</td>
                    <td className="px-3 py-1.5">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {job.errorCount > job.errorSample.length ? (
            <p className="mt-2 text-xs text-slate-500">
              Showing the first {formatCount(job.errorSample.length)} of {formatCount(job.errorCount)} errors; the report has them all.
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <a href={`/api/import/${job.id}/report`} className={secondaryButtonClass} download>
          Download the report (CSV)
        </a>
        {canImport ? (
          (s.toUpdate ?? 0) > 0 && !confirming ? (
            <button type="button" className={buttonClass} onClick={() => setConfirming(true)}>
              Import {formatCount((s.toCreate ?? 0) + (s.toUpdate ?? 0))} rows…
            </button>
          ) : (
            <>
              {confirming ? <span className="text-sm text-amber-800">{formatCount(s.toUpdate ?? 0)} existing records will be overwritten.</span> : null}
              <button type="button" className={buttonClass} onClick={() => commit.mutate({ jobId: job.id })} disabled={commit.isPending}>
                {commit.isPending ? <Spinner /> : null}
                {confirming ? "Yes, import and update" : `Import ${formatCount(s.toCreate ?? 0)} rows`}
              </button>
              {confirming ? (
                <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>
                  Back
                </button>
              ) : null}
            </>
          )
        ) : null}
      </div>
      {commit.error ? <ErrorText testId="commit-error" className="mt-3">{toFormError(commit.error).message}</ErrorText> : null}
    </section>
  );
}
