// CSV writing (RFC 4180) that is safe to open in a spreadsheet: a cell starting with = + - @ tab or CR
// would be run as a formula by Excel / LibreOffice / Sheets ("formula injection"), so it gets a leading
// apostrophe, which spreadsheets show as text. Fields are quoted when they contain a comma, quote, CR or LF;
// quotes are doubled; rows end with CRLF.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell's text: dates as ISO 8601, null/undefined empty, booleans true/false. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  // numbers are data, not formulas: only text gets the apostrophe (a negative amount stays -12.5)
  if (typeof value !== "number" && typeof value !== "bigint" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
