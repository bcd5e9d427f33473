"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import type { RecordType } from "@/server/records/definition";
import type { FieldDef } from "@/server/records/fields";
import { inputClass } from "@/components/ui";

/** Small sets (people, stages, campaigns) come whole; big ones (accounts, deals ...) are searched. */
export const SMALL_REFS = new Set(["user", "stage", "campaign"]);

export function useRefOptions(type: RecordType, field: string, q = "", enabled = true) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.records.options.queryOptions({ type, field, q }), enabled, staleTime: 60_000 });
}

/**
 * A labelled picker for a linked record. Small sets: one select. Big sets: a search box that narrows
 * the select's choices (keyboard: type, Tab, pick with the arrow keys).
 */
export function RefField({
  type,
  field,
  id,
  value,
  currentLabel,
  onChange,
  error,
}: {
  type: RecordType;
  field: FieldDef;
  id: string;
  value: string;
  currentLabel: string | null;
  onChange: (v: string) => void;
  error?: string;
}) {
  const small = SMALL_REFS.has(field.ref!);
  const [q, setQ] = useState("");
  const options = useRefOptions(type, field.key, small ? "" : q);
  const list = options.data ?? [];
  const choices = value && !list.some((o) => o.id === value) ? [{ id: value, label: currentLabel ?? "(current)" }, ...list] : list;
  const describedBy = [error ? `${id}-error` : null, !small ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {field.label}
        {field.required ? <span className="text-red-700"> *</span> : null}
      </label>
      {!small ? (
        <input
          type="search"
          aria-label={`Search ${field.label.toLowerCase()}`}
          placeholder={`Search ${field.label.toLowerCase()}…`}
          className={`${inputClass} mb-1`}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      ) : null}
      <select id={id} name={field.key} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
        <option value="">{options.isPending ? "Loading…" : field.required ? "Choose…" : "— none —"}</option>
        {choices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      {!small ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {options.isFetching ? "Searching…" : `${list.length === 20 ? "First 20 matches" : `${list.length} match${list.length === 1 ? "" : "es"}`}: type to narrow.`}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} data-testid={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
