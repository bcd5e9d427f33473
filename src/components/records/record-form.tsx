"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { writableFields, type RecordType } from "@/server/records/definition";
import { definitionOf } from "@/server/records/registry";
import type { FieldDef } from "@/server/records/fields";
import { toFormError } from "@/components/errors";
import { buttonClass, ErrorText, inputClass, Spinner } from "@/components/ui";
import { humanizeEnum, inputValue, splitFieldErrors } from "./format";
import { RefField } from "./ref-field";

type Values = Record<string, string | boolean>;

function initialValues(fields: FieldDef[], values?: Record<string, unknown>): Values {
  const out: Values = {};
  for (const f of fields) out[f.key] = f.kind === "bool" ? Boolean(values?.[f.key]) : values ? inputValue(f, values[f.key]) : "";
  return out;
}

/**
 * Create or edit form generated from the type's fields. Only writable fields appear (stage, ticket status
 * and dates are changed by their own actions). Server messages "field: why" are shown under the field.
 */
export function RecordForm({
  type,
  id,
  values,
  labels,
  onSaved,
}: {
  type: RecordType;
  id?: string;
  values?: Record<string, unknown>;
  labels?: Record<string, string | null>;
  /** after a saved edit (the page shows the confirmation: the form is rebuilt from the saved values) */
  onSaved?: () => void;
}) {
  const def = definitionOf(type);
  const fields = writableFields(def);
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [start] = useState(() => initialValues(fields, values));
  const [form, setForm] = useState<Values>(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  const onError = (e: unknown) => {
    const raw = (e as { message?: string }).message ?? "";
    const { fieldErrors, rest } = splitFieldErrors(raw, fields.map((f) => f.key));
    setErrors(fieldErrors);
    setProblem(rest.length ? toFormError({ ...(e as object), message: rest.join("; ") }).message : Object.keys(fieldErrors).length ? "Check the fields marked below." : toFormError(e).message);
  };
  const create = useMutation(trpc.records.create.mutationOptions({ onError, onSuccess: (r) => router.push(`/records/${type}/${r.id}`) }));
  const update = useMutation(
    trpc.records.update.mutationOptions({
      onError,
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() });
        onSaved?.();
      },
    }),
  );
  const pending = create.isPending || update.isPending;

  function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setProblem(null);
    const data: Record<string, unknown> = {};
    for (const f of fields) {
      const v = form[f.key];
      if (id ? v === start[f.key] : v === "" || v === false) continue; // an edit sends only what changed
      data[f.key] = v;
    }
    if (id) update.mutate({ type, id, data });
    else create.mutate({ type, data });
  }

  const set = (key: string, v: string | boolean) => setForm((s) => ({ ...s, [key]: v }));
  const fid = (f: FieldDef) => `${type}-${f.key}`;

  return (
    <form onSubmit={submit} noValidate aria-label={id ? `Edit ${def.label.toLowerCase()}` : `New ${def.label.toLowerCase()}`} className="space-y-4">
      {problem ? <ErrorText testId="record-form-error">{problem}</ErrorText> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {fields.map((f) =>
          f.kind === "ref" ? (
            <RefField key={f.key} type={type} field={f} id={fid(f)} value={String(form[f.key] ?? "")} currentLabel={labels?.[f.key] ?? null} onChange={(v) => set(f.key, v)} error={errors[f.key]} />
          ) : (
            <Field key={f.key} f={f} id={fid(f)} value={form[f.key]!} onChange={(v) => set(f.key, v)} error={errors[f.key]} />
          ),
        )}
      </div>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? <Spinner /> : null}
        {id ? "Save changes" : `Create ${def.label.toLowerCase()}`}
      </button>
    </form>
  );
}

function Field({ f, id, value, onChange, error }: { f: FieldDef; id: string; value: string | boolean; onChange: (v: string | boolean) => void; error?: string }) {
  const described = error ? `${id}-error` : undefined;
  const common = { id, name: f.key, "aria-invalid": error ? true : undefined, "aria-describedby": described } as const;
  let control;
  if (f.kind === "bool") {
    return (
      <div className="flex items-start gap-2 pt-6">
        <input type="checkbox" {...common} className="mt-0.5 size-4 rounded border-slate-300" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {f.label}
        </label>
        <FieldError id={id} error={error} />
      </div>
    );
  } else if (f.kind === "enum") {
    control = (
      <select {...common} className={inputClass} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        <option value="">{f.required ? "Choose…" : "— none —"}</option>
        {/* a stored value the form may not set (e.g. Converted) stays visible */}
        {(f.choices!.includes(String(value)) || !value ? f.choices! : [String(value), ...f.choices!]).map((o) => (
          <option key={o} value={o}>
            {humanizeEnum(o)}
          </option>
        ))}
      </select>
    );
  } else if (f.kind === "longtext") {
    control = <textarea {...common} rows={4} className={inputClass} value={String(value)} onChange={(e) => onChange(e.target.value)} />;
  } else {
    const type = f.kind === "date" ? "date" : f.kind === "email" ? "email" : "text";
    const inputMode = f.kind === "int" ? "numeric" : f.kind === "money" ? "decimal" : undefined;
    control = <input {...common} type={type} inputMode={inputMode} className={inputClass} value={String(value)} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className={f.kind === "longtext" ? "sm:col-span-2" : ""}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {f.label}
        {f.required ? <span className="text-red-700"> *</span> : null}
      </label>
      {control}
      <FieldError id={id} error={error} />
    </div>
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} data-testid={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
      {error}
    </p>
  ) : null;
}
