// How record values look in tables, forms and the history. Pure: client and server.
import type { FieldDef } from "@/server/records/fields";

const money = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat("en-US");

/** "CROSS_SELL" -> "Cross sell" */
export function humanizeEnum(v: string): string {
  const s = v.replace(/_/g, " ").toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function asDate(v: unknown): Date | null {
  if (v instanceof Date) return v;
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** A date as YYYY-MM-DD (UTC: dates are stored at midnight UTC). */
export function isoDay(v: unknown): string {
  const d = asDate(v);
  return d ? d.toISOString().slice(0, 10) : "";
}

/** A value for display; `label` is the linked record's name for references. */
export function displayValue(f: FieldDef | undefined, value: unknown, label?: string | null): string {
  if (value === null || value === undefined || value === "") return "—";
  if (!f) return typeof value === "object" ? JSON.stringify(value) : String(value);
  switch (f.kind) {
    case "money":
      return money.format(Number(value));
    case "int":
      return count.format(Number(value));
    case "date":
      return isoDay(value) || String(value);
    case "bool":
      return value ? "Yes" : "No";
    case "enum":
      return humanizeEnum(String(value));
    case "ref":
      return label ?? "(not available)";
    default:
      return String(value);
  }
}

/** The value an input starts with in an edit form. */
export function inputValue(f: FieldDef, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (f.kind === "date") return isoDay(value);
  return String(value);
}

/**
 * Field messages from a server error shaped "field: message; field: message" (the records service names
 * the field in every UserError), for the fields of the form; the rest stays a general message.
 */
export function splitFieldErrors(message: string, fields: readonly string[]): { fieldErrors: Record<string, string>; rest: string[] } {
  const fieldErrors: Record<string, string> = {};
  const rest: string[] = [];
  for (const part of message.split("; ")) {
    const m = /^(\w+): (.+)$/s.exec(part);
    if (m && fields.includes(m[1]!) && !fieldErrors[m[1]!]) fieldErrors[m[1]!] = m[2]!;
    else rest.push(part);
  }
  return { fieldErrors, rest };
}
