// The downloadable report (errors and duplicates, one line per row and column). Values come from
// uploaded files: a cell a spreadsheet would run as a formula (= + - @, tab, CR first) is prefixed with '.

export const REPORT_HEADER = ["row", "column", "value", "problem", "kind"];

/** One CSV cell: quoted when needed, formula-looking text neutralised. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: (string | number)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
