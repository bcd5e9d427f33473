// The list query of a record type: search, filters, date range, sort, page. The same shape comes from the
// tRPC list input, from the URL of the list page and from the export link (?q=&status=&from=&sort=...), so a
// CSV export gets exactly the filters of the list on screen. Pure module.
import { z } from "zod";
import { RECORD_TYPES } from "./definition";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

export const recordTypeSchema = z.enum(RECORD_TYPES, { message: `type must be one of ${RECORD_TYPES.join(", ")}.` });

const dateParam = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD).`)
    .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()), `${label} must be a real date.`)
    .optional();

export const listQuerySchema = z.object({
  q: z.string().trim().max(200, "Search is at most 200 characters.").optional(),
  /** field -> value, for the type's filterable fields; "none" = empty, ownerId "me" = the caller */
  filters: z.record(z.string().max(50), z.string().max(100)).optional(),
  from: dateParam("From"),
  to: dateParam("To"),
  sort: z.string().max(50).optional(),
  dir: z.enum(["asc", "desc"], { message: "dir must be asc or desc." }).optional(),
  /** managers: the deleted rows instead of the live ones */
  deleted: z.boolean().optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const listInputSchema = listQuerySchema.extend({
  type: recordTypeSchema,
  page: z.number().int().min(1, "page starts at 1.").max(100_000).default(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE, `pageSize is at most ${MAX_PAGE_SIZE}.`).default(DEFAULT_PAGE_SIZE),
});
export type ListInput = z.infer<typeof listInputSchema>;

const RESERVED = new Set(["q", "from", "to", "sort", "dir", "deleted", "page", "pageSize"]);

/** URL search params -> list query (every other parameter is a filter). */
export function listQueryFromSearch(params: URLSearchParams | Record<string, string | string[] | undefined>): ListQuery & { page?: number } {
  const get = (k: string) => {
    if (params instanceof URLSearchParams) return params.get(k) ?? undefined;
    const v = params[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const keys = params instanceof URLSearchParams ? [...params.keys()] : Object.keys(params);
  const filters: Record<string, string> = {};
  for (const k of keys) {
    const v = get(k);
    if (!RESERVED.has(k) && v) filters[k] = v;
  }
  const dir = get("dir");
  const page = Number(get("page"));
  return {
    q: get("q") || undefined,
    from: get("from") || undefined,
    to: get("to") || undefined,
    sort: get("sort") || undefined,
    dir: dir === "asc" || dir === "desc" ? dir : undefined,
    deleted: get("deleted") === "1" ? true : undefined,
    filters: Object.keys(filters).length ? filters : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : undefined,
  };
}

/** List query -> URL search params (the list page's URL and the export link). */
export function searchFromListQuery(q: ListQuery & { page?: number }): URLSearchParams {
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  for (const [k, v] of Object.entries(q.filters ?? {})) if (v) p.set(k, v);
  if (q.from) p.set("from", q.from);
  if (q.to) p.set("to", q.to);
  if (q.sort) p.set("sort", q.sort);
  if (q.dir) p.set("dir", q.dir);
  if (q.deleted) p.set("deleted", "1");
  if (q.page && q.page > 1) p.set("page", String(q.page));
  return p;
}
