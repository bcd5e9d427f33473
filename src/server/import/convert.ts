// Reading one cell: text -> the value stored in the database (as text for the staging table), or a reason
// it cannot be imported. Nothing is guessed: an unknown category, an ambiguous date or a name matching two
// accounts is an error naming the allowed values or the way out. Pure functions (no database).
import { enumValues, type CategoryList, type FieldDef } from "./fields";

export type DateFormat = "iso" | "mdy" | "dmy";
export const DATE_FORMATS: Record<DateFormat, string> = {
  iso: "Year first: 2026-03-31, 2026-03-31 14:05, 2026-03-31T14:05:00Z",
  mdy: "Month/day/year: 03/31/2026 (United States)",
  dmy: "Day/month/year: 31/03/2026 (most other countries)",
};

export type Cell = { ok: true; value: string | null } | { ok: false; reason: string };
const ok = (value: string | null): Cell => ({ ok: true, value });
const bad = (reason: string): Cell => ({ ok: false, reason });

/** Case, spaces, underscores and hyphens do not matter when matching categories and names of stages. */
export function categoryKey(v: string): string {
  const s = v.toLowerCase();
  return /[\s_-]/.test(s) ? s.replace(/[\s_-]+/g, "") : s;
}

/** A cell a spreadsheet would run as a formula (=HYPERLINK(...), +SUM(...), @cmd, a leading tab/CR). */
export function looksLikeFormula(v: string): boolean {
  const c = v.charCodeAt(0);
  // fast path: only = tab CR + - @ can start a formula
  if (c !== 61 && c !== 9 && c !== 13 && c !== 43 && c !== 45 && c !== 64) return false;
  return /^[=\t\r]/.test(v) || /^[+\-@]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(/.test(v);
}

const MAX_MONEY = 999_999_999_999.99; // Decimal(14, 2)

const PLAIN_AMOUNT = /^\d+(\.\d{1,2})?$/;

export function parseMoney(raw: string): Cell {
  if (PLAIN_AMOUNT.test(raw)) {
    // fast path: digits with at most 2 decimals (what most exports write)
    const n = Number(raw);
    return n > MAX_MONEY ? bad("is too large") : ok(n.toFixed(2));
  }
  let s = raw.replace(/[\s\u00a0]/g, "").replace(/^[$€£¥]|[$€£¥]$/g, "");
  if (/^\(.*\)$/.test(s) || s.startsWith("-")) return bad("must not be negative");
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  if (!/^\d+(\.\d+)?$/.test(s)) return bad("is not an amount (write it like 1234.50)");
  const [, decimals = ""] = s.split(".");
  if (decimals.replace(/0+$/, "").length > 2) return bad("has more than 2 decimals");
  const n = Number(s);
  if (n > MAX_MONEY) return bad("is too large");
  return ok(n.toFixed(2));
}

export function parseInt10(raw: string, min = 0, max = 2_000_000_000): Cell {
  const s = raw.replace(/[\s\u00a0]/g, "");
  if (/^-\d/.test(s) && min >= 0) return bad("must not be negative");
  const m = /^(-?\d{1,3}(?:,\d{3})+|-?\d+)(?:\.0+)?$/.exec(s);
  if (!m) return bad("is not a whole number");
  const n = Number(m[1]!.replace(/,/g, ""));
  if (n < min || n > max) return bad(`must be between ${min} and ${max}`);
  return ok(String(n));
}

const TRUE = new Set(["true", "yes", "y", "1", "x"]);
const FALSE = new Set(["false", "no", "n", "0"]);
export function parseBool(raw: string): Cell {
  const s = raw.trim().toLowerCase();
  if (TRUE.has(s)) return ok("true");
  if (FALSE.has(s)) return ok("false");
  return bad("is not yes/no (use true/false, yes/no or 1/0)");
}

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** A date or date-time as an ISO instant (UTC; a date alone is midnight UTC). */
export function parseDate(raw: string, format: DateFormat): Cell {
  const s = raw.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0, sec = 0, ms = 0, offsetMin = 0;
  const iso = ISO.exec(s);
  const sl = iso ? null : SLASHED.exec(s);
  if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (iso[4]) [h, mi, sec] = [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)];
    if (iso[7]) ms = Math.round(Number(`0.${iso[7]}`) * 1000);
    const tz = iso[8];
    if (tz && tz.toUpperCase() !== "Z") {
      const t = /^([+-])(\d{2}):?(\d{2})$/.exec(tz)!;
      offsetMin = (t[1] === "-" ? -1 : 1) * (Number(t[2]) * 60 + Number(t[3]));
    }
  } else if (sl) {
    if (format === "iso") return bad("is written day/month or month/day: choose the file's date format on the mapping screen (or write 2026-03-31)");
    const [a, b] = [Number(sl[1]), Number(sl[2])];
    [y, mo, d] = format === "mdy" ? [Number(sl[3]), a, b] : [Number(sl[3]), b, a];
    if (sl[4]) [h, mi, sec] = [Number(sl[4]), Number(sl[5]), Number(sl[6] ?? 0)];
  } else {
    return bad(format === "iso" ? "is not a date (write 2026-03-31 or 2026-03-31 14:05)" : `is not a date in the chosen format (${format === "mdy" ? "03/31/2026" : "31/03/2026"})`);
  }
  if (y < 1900 || y > 2200) return bad("has a year outside 1900-2200");
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return bad("is not a real date");
  const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  const check = new Date(t);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return bad("is not a real date (no such day in that month)");
  return ok(new Date(t - offsetMin * 60_000).toISOString());
}

const EMAIL = /^[^\s@",;<>]+@[^\s@",;<>]+\.[^\s@",;<>]+$/;
export function parseEmail(raw: string): Cell {
  const s = raw.trim();
  return EMAIL.test(s) ? ok(s) : bad("is not an email address");
}

export function parseEnum(raw: string, field: Extract<FieldDef, { kind: "enum" }>): Cell {
  const k = categoryKey(raw);
  for (const [value, spellings] of Object.entries(field.values)) {
    if (categoryKey(value) === k || spellings.some((sp) => categoryKey(sp) === k)) return ok(value);
  }
  return bad(`is not one of the allowed values: ${enumValues(field).join(", ")}`);
}

/** Allowed values of a category list: canonical spelling by categoryKey. */
export type CategoryValues = Map<string, string>;
export function parseCategory(raw: string, list: CategoryList, allowed: CategoryValues): Cell {
  const v = allowed.get(categoryKey(raw));
  if (v !== undefined) return ok(v);
  return bad(`is not a known ${list === "leadSource" ? "lead source" : "campaign channel"}; allowed: ${[...new Set(allowed.values())].join(", ")}`);
}

export function parseText(raw: string, max = 1000): Cell {
  const s = raw.trim();
  if (looksLikeFormula(s)) return bad("looks like a spreadsheet formula; remove the leading character (or prefix the cell with an apostrophe) if it is meant as text");
  if (s.length > max) return bad(`is longer than ${max} characters`);
  return ok(s);
}
