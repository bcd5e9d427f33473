// Field helpers for record definitions: each helper gives the field's metadata (label, kind, list/sort/
// filter flags, the referenced entity) AND its zod schema with a message written for the user, so the
// form, the list, the filters and the server validation all come from one line per field.
// Pure module (zod only): the UI imports the definitions to build tables and forms.
import { z } from "zod";

export type RefTarget = "user" | "account" | "contact" | "lead" | "deal" | "campaign" | "stage" | "ticket";
export type FieldKind = "text" | "longtext" | "email" | "int" | "money" | "date" | "bool" | "enum" | "ref";

export type FieldDef = {
  key: string;
  label: string;
  kind: FieldKind;
  /** enum values (kind "enum"); `choices` are the ones a user may set (e.g. not CONVERTED) */
  options?: readonly string[];
  choices?: readonly string[];
  ref?: RefTarget;
  required?: boolean;
  /** shown but never written by the record forms (set by workflow actions or the system) */
  readOnly?: boolean;
  /** a column of the list */
  list?: boolean;
  sortable?: boolean;
  /** the list can be filtered on it (enum/ref/bool: equality; date: from/to on the type's dateField) */
  filter?: boolean;
  /** zod schema for create (update uses it as optional) */
  schema?: z.ZodType;
};

type Opts = { required?: boolean; list?: boolean; sortable?: boolean; filter?: boolean; readOnly?: boolean };

const trimmed = (label: string, max: number) =>
  z
    .string({ message: `${label} must be text.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`);

/** Optional fields accept "" / null as "no value". */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" ? null : v), schema.nullable().optional());
}

export function text(key: string, label: string, o: Opts & { max?: number } = {}): FieldDef {
  const base = trimmed(label, o.max ?? 200);
  const schema = o.required ? base.min(1, `${label} is required.`) : optional(base);
  return { key, label, kind: "text", ...o, schema: o.readOnly ? undefined : schema };
}

export function longtext(key: string, label: string, o: Opts = {}): FieldDef {
  return { ...text(key, label, { ...o, max: 5000 }), kind: "longtext" };
}

export function email(key: string, label: string, o: Opts = {}): FieldDef {
  const base = z.string().trim().max(200, `${label} must be at most 200 characters.`).pipe(z.email(`${label} must be a valid email address.`));
  return { key, label, kind: "email", ...o, schema: o.required ? base : optional(base) };
}

const numberish = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v);

export function int(key: string, label: string, o: Opts & { min?: number; max?: number } = {}): FieldDef {
  const min = o.min ?? 0;
  const max = o.max ?? 1_000_000_000;
  const base = z.preprocess(
    numberish,
    z
      .number({ message: `${label} must be a whole number.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} must be at most ${max}.`),
  );
  const schema = o.required ? base : z.preprocess((v) => (v === "" ? null : v), base.nullable().optional());
  return { key, label, kind: "int", ...o, schema: o.readOnly ? undefined : schema };
}

/** Money: a non-negative amount with at most 2 decimals, below the column's 14-digit limit. */
export function money(key: string, label: string, o: Opts = {}): FieldDef {
  const base = z.preprocess(
    numberish,
    z
      .number({ message: `${label} must be a number.` })
      .finite(`${label} must be a number.`)
      .min(0, `${label} cannot be negative.`)
      .max(999_999_999_999, `${label} is too large.`)
      .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, `${label} can have at most 2 decimals.`),
  );
  const schema = o.required ? base : z.preprocess((v) => (v === "" || v === null ? undefined : v), base.optional());
  return { key, label, kind: "money", ...o, schema: o.readOnly ? undefined : schema };
}

/** A date (YYYY-MM-DD or an ISO instant) within a sane range. */
export function date(key: string, label: string, o: Opts = {}): FieldDef {
  const base = z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? `${v.trim()}T00:00:00Z` : v.trim()) : v),
    z
      .date({ message: `${label} must be a date (YYYY-MM-DD).` })
      .refine((d) => !Number.isNaN(d.getTime()), `${label} must be a date (YYYY-MM-DD).`)
      .refine((d) => d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 2200, `${label} must be between 1900 and 2200.`),
  );
  const schema = o.required ? base : z.preprocess((v) => (v === "" ? null : v), base.nullable().optional());
  return { key, label, kind: "date", ...o, schema: o.readOnly ? undefined : schema };
}

export function bool(key: string, label: string, o: Opts = {}): FieldDef {
  const schema = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ message: `${label} must be yes or no.` }).optional());
  return { key, label, kind: "bool", ...o, schema: o.readOnly ? undefined : schema };
}

export function enumField(key: string, label: string, options: readonly [string, ...string[]], o: Opts & { choices?: readonly [string, ...string[]] } = {}): FieldDef {
  const choices = o.choices ?? options;
  const base = z.enum(choices as [string, ...string[]], { message: `${label} must be one of ${choices.join(", ")}.` });
  const schema = o.required ? base : base.optional();
  return { key, label, kind: "enum", options, ...o, choices, schema: o.readOnly ? undefined : schema };
}

/** A reference to another record of the organization (checked on the server to exist there). */
export function ref(key: string, label: string, target: RefTarget, o: Opts = {}): FieldDef {
  const base = z.uuid(`${label} must be chosen from the list.`);
  const schema = o.required ? base : optional(base);
  return { key, label, kind: "ref", ref: target, ...o, schema: o.readOnly ? undefined : schema };
}
