// Small SQL building blocks shared by the KPI engine, the families and the breakdown reports.
import type { Range } from "./period";

/** A row's date column inside the bucket `b` of the engine's statement. */
export const inBucket = (col: string) => `${col} >= b.start AND ${col} < b."end"`;
/** A row's date column inside the range passed as $2::timestamp / $3::timestamp (drill-downs, reports). */
export const inRange = (col: string) => `${col} >= $2::timestamp AND ${col} < $3::timestamp`;

/** A UTC instant as the text of a `timestamp` (Prisma stores DateTime as UTC timestamp without zone). */
export const tsParam = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");
/** The same as a SQL literal; only for our own Date objects, never user text. */
export const tsLiteral = (d: Date) => `'${tsParam(d)}'::timestamp`;
/** A range as the $2 / $3 parameters. */
export const rangeParams = (r: Range) => [tsParam(r.start), tsParam(r.end)];

/** A numeric SQL result (number, bigint or numeric string) as a number; null for NULL or a non-number. */
export function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  const n = Number(typeof v === "bigint" ? v : String(v));
  return Number.isFinite(n) ? n : null;
}
