// Small SQL building blocks shared by the KPI engine, the families and the breakdown reports.
import type { Range } from "./period";

/** A row's date column inside the bucket `b` of the engine's statement. */
export const inBucket = (col: string) => `${col} >= b.start AND ${col} < b."end"`;
/**
 * One pass for every bucket, where a join per bucket would repeat the work (the buckets overlap: current, previous
 * and series): the sorted boundaries of all buckets (CTE `bounds`, column `ends`); a row is grouped by its time's
 * position among them (`boundPos`), and bucket b sums the positions from its start's up to its end's (`posInBucket`).
 * Exact for any boundaries, since every bucket starts and ends on one of them.
 */
export const BOUNDS_CTE = `bounds AS (SELECT array_agg(DISTINCT v.t ORDER BY v.t) AS ends FROM buckets bb, LATERAL (VALUES (bb.start), (bb."end")) v(t))`;
/** the time's position among the boundaries (x = the bounds row); rows outside [first, last) are not wanted */
export const boundPos = (col: string) => `width_bucket(${col}, x.ends)`;
/** the time column is within [first boundary, last boundary) (x = the bounds row) */
export const inBounds = (col: string) => `${col} >= x.ends[1] AND ${col} < x.ends[cardinality(x.ends)]`;
/** a position (from boundPos) inside the bucket b (x = the bounds row) */
export const posInBucket = (pos: string) => `${pos} >= array_position(x.ends, b.start) AND ${pos} < array_position(x.ends, b."end")`;

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
