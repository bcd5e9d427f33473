// KPI result cache, exact (never stale): a KPI statement's result is kept in "KpiResult" with a stamp of the
// tables it reads ("Source:sum(n)" from "KpiChange", which a statement-level trigger appends to on every write to
// those tables; migration *_kpi_result_cache). The stamp is read BEFORE the statement runs, so a stored result
// holds at least every write its stamp counts; any later committed write raises a sum and the stamp no longer
// matches. Results live in PostgreSQL, so every app instance shares them. KPI_CACHE=off turns it off.
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { Prisma } from "@/generated/prisma/client";
import type { Components } from "./types";
import { limitKpiStatement } from "./limit";

type RawDb = Pick<PrismaClient, "$queryRawUnsafe">;

/** Change rows per organization and table after which a reader folds them into one. */
const COMPACT_AFTER = 64;
/** Results not recomputed for this long are dropped when a reader compacts (their period has moved on). */
const KEEP_DAYS = 2;

export const kpiCacheEnabled = () => (process.env.KPI_CACHE ?? "on").toLowerCase() !== "off";

/**
 * What a statement can depend on: the models, and views with a change counter of their own ("TicketDuration":
 * the ticket columns the duration percentiles read, migration ticket_duration_changes; "DealCycle": the deal
 * columns of the sales cycle and the open-deal count, migration deal_cycle_changes).
 */
const MODELS = new Set<string>([...Object.values(Prisma.ModelName), "TicketDuration", "DealCycle"]);
/**
 * The tables whose triggers write "KpiDaily" (migrations kpi_daily_rollup and later): a statement reading the rollup
 * depends on all of them (test/kpi-cache.test.ts checks the list against the triggers).
 */
export const ROLLUP_FEEDERS = ["Account", "Activity", "AuditLog", "Contact", "Deal", "DealRevenue", "Lead", "PurchaseDay", "SurveyResponse", "Ticket"];
/** Tables kept by triggers: a statement reading one depends on the tables feeding it (test/kpi-cache.test.ts checks them). */
export const DERIVED_TABLES: Record<string, string[]> = {
  KpiDaily: ROLLUP_FEEDERS,
  KpiDailyOrg: ROLLUP_FEEDERS, // kept from "KpiDaily" (migration kpi_daily_org)
  KpiMonthlyOrg: ROLLUP_FEEDERS, // kept from "KpiDailyOrg" (migration kpi_monthly_org)
  PurchaseDay: ["Account", "Purchase"], // migration purchase_day_rollup (it feeds "KpiDaily" in turn)
  ContactDuplicate: ["Contact"], // migration contact_duplicate_rollup
  DealRevenue: ["Deal", "Purchase"], // migration deal_revenue_rollup (it feeds "KpiDaily" in turn)
};
/** Tables of rollup metric rows ("KpiDailyOrg" and "KpiMonthlyOrg" are sums of "KpiDaily", kept by its triggers). */
const ROLLUP_TABLES = new Set(["KpiDaily", "KpiDailyOrg", "KpiMonthlyOrg"]);
/**
 * A rollup metric's family: the first two dot-separated parts of its name before any "|<dimension>=<value>"
 * ('deal.won.cycle' → 'deal.won', 'ticket_hist.resolved|channel=EMAIL.7' → 'ticket_hist.resolved'). Must equal
 * kpi_metric_family() in the migration kpi_change_by_metric, whose trigger counts changes to "KpiDaily" by family.
 */
export const rollupFamily = (metric: string) => metric.split("|")[0]!.split(".").slice(0, 2).join(".");
/** A metric name in SQL: a quoted literal like 'deal.won' or 'lead.created|source=' (the start of a per-value name). */
const METRIC_LITERAL = /'([a-z_]+\.[a-z0-9_]+[^']*)'/g;

/**
 * The change counters a statement depends on: each quoted model name in its SQL; a table kept by triggers stands
 * for the tables feeding it; the rollup tables for the metric families the statement names ("KpiDaily:deal.won"),
 * or, when it names none, for every table feeding the rollup.
 */
export function sourcesOf(sql: string): string[] {
  const found = new Set<string>();
  const families = [...sql.matchAll(METRIC_LITERAL)].map((m) => `KpiDaily:${rollupFamily(m[1]!)}`);
  for (const m of sql.matchAll(/"([A-Z]\w*)"/g)) {
    if (ROLLUP_TABLES.has(m[1]!) && families.length) families.forEach((f) => found.add(f));
    else add(m[1]!);
  }
  return [...found].sort();
  function add(table: string) {
    const derived = DERIVED_TABLES[table];
    if (derived) derived.forEach(add);
    else if (MODELS.has(table)) found.add(table);
  }
}

// one computation per statement and stamp at a time in this process; others wait for it
const inFlight = new Map<string, Promise<unknown>>();

/**
 * The components of `statement` for the organization: from the cache when its stamp is current, else from
 * `compute()` (stored for the next reader). `sources`: every table the statement reads (sourcesOf).
 */
export const cachedComponents = (db: RawDb, organizationId: string, statement: { sql: string; params: unknown[] }, sources: string[], compute: () => Promise<Components[]>) =>
  cached<Components[]>(db, organizationId, statement, sources, compute);

/**
 * The database as the breakdown reports use it (one raw statement each), with their rows kept in the cache: the
 * same rows, with bigint as number (every count here is far below 2^53). Rows holding a date are not kept.
 * A statement that runs waits its turn with the KPI statements (limit.ts).
 */
export function cachingDb(db: RawDb, organizationId: string): RawDb {
  return {
    $queryRawUnsafe: (<T>(sql: string, ...params: unknown[]) =>
      cached(db, organizationId, { sql, params }, sourcesOf(sql), async () => {
        const rows = await limitKpiStatement(() => db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params));
        return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
      }) as Promise<T>) as RawDb["$queryRawUnsafe"],
  };
}

/** The key a statement's result is stored under in "KpiResult": its SQL and parameters, hashed. */
export const resultKey = (statement: { sql: string; params: unknown[] }) =>
  createHash("sha256").update(statement.sql).update("\0").update(JSON.stringify(statement.params)).digest("base64url");

const hasDate = (rows: unknown): boolean => Array.isArray(rows) && rows.some((r) => r && typeof r === "object" && Object.values(r).some((v) => v instanceof Date));

async function cached<T>(db: RawDb, organizationId: string, statement: { sql: string; params: unknown[] }, sources: string[], compute: () => Promise<T>): Promise<T> {
  if (!kpiCacheEnabled()) return compute();
  const key = resultKey(statement);
  const row = await lookup(db, organizationId, key, sources);
  const stamp = row.stamp;
  if (row.components != null) return parse(row.components) as T;

  const flightKey = `${organizationId}|${key}|${stamp}`;
  const running = inFlight.get(flightKey);
  if (running) return running as Promise<T>;
  const work = (async () => {
    const components = await compute();
    if (hasDate(components)) return components; // JSON would turn it into a string
    await store(db, organizationId, key, stamp, components);
    if (row.pending > COMPACT_AFTER * sources.length) await compact(db, organizationId, sources);
    return components;
  })();
  inFlight.set(flightKey, work);
  try {
    return await work;
  } finally {
    inFlight.delete(flightKey);
  }
}

type Found = { stamp: string; pending: number; components: unknown };
type Lookup = { key: string; sources: string[]; resolve: (f: Found) => void; reject: (e: unknown) => void };
/** lookups waiting for their statement, per database handle and organization */
const waiting = new Map<RawDb, Map<string, Lookup[]>>();

/**
 * The current stamp of `sources` and the result stored under `key` with that stamp (null when none). The lookups
 * made while the event loop runs the same turn (a dashboard's dozens of KPI statements) go to the database
 * together, in ONE statement, instead of one round trip each.
 */
function lookup(db: RawDb, organizationId: string, key: string, sources: string[]): Promise<Found> {
  return new Promise((resolve, reject) => {
    let byOrg = waiting.get(db);
    if (!byOrg) {
      waiting.set(db, (byOrg = new Map()));
      setImmediate(() => {
        waiting.delete(db);
        for (const [org, lookups] of byOrg!) void lookupAll(db, org, lookups);
      });
    }
    const list = byOrg.get(organizationId) ?? [];
    list.push({ key, sources, resolve, reject });
    byOrg.set(organizationId, list);
  });
}

/**
 * Per lookup: the stamp of its sources ("Source:sum(n)" of each source with change rows, in order, comma-separated;
 * '' when none) and the stored result with that stamp. Source names hold no comma.
 */
async function lookupAll(db: RawDb, organizationId: string, lookups: Lookup[]) {
  try {
    const rows = await db.$queryRawUnsafe<{ i: number; stamp: string; pending: bigint | number; components: unknown }[]>(
      `WITH q AS (SELECT q.i - 1 AS i, q.key, string_to_array(q.sources, ',') AS sources FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS q(key, sources, i)),
            v AS (SELECT c.source, sum(c.n) AS total, count(*) AS pending FROM "KpiChange" c
                   WHERE c."organizationId" = $1::uuid AND c.source = ANY($4::text[]) GROUP BY c.source),
            s AS (SELECT q.i, q.key, coalesce(string_agg(v.source || ':' || v.total, ',' ORDER BY v.source), '') AS stamp, coalesce(sum(v.pending), 0) AS pending
                    FROM q LEFT JOIN v ON v.source = ANY(q.sources) GROUP BY q.i, q.key)
       SELECT s.i, s.stamp, s.pending, r.components FROM s LEFT JOIN "KpiResult" r ON r."organizationId" = $1::uuid AND r.key = s.key AND r.stamp = s.stamp`,
      organizationId,
      lookups.map((l) => l.key),
      lookups.map((l) => l.sources.join(",")),
      [...new Set(lookups.flatMap((l) => l.sources))],
    );
    for (const r of rows) lookups[Number(r.i)]!.resolve({ stamp: r.stamp, pending: Number(r.pending), components: r.components });
    // (never happens: the statement answers every lookup) a settled promise ignores this
    for (const l of lookups) l.reject(new Error("KPI result cache: the lookup statement left a KPI statement unanswered."));
  } catch (e) {
    for (const l of lookups) l.reject(e);
  }
}

const parse = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v);

/** Keeps a result for the next reader. Best effort: the reader has its numbers whether or not this succeeds. */
async function store(db: RawDb, organizationId: string, key: string, stamp: string, components: unknown) {
  try {
    await db.$queryRawUnsafe(
      `INSERT INTO "KpiResult" ("organizationId", key, stamp, components, "storedAt") VALUES ($1::uuid, $2, $3, $4::jsonb, now())
       ON CONFLICT ("organizationId", key) DO UPDATE SET stamp = excluded.stamp, components = excluded.components, "storedAt" = excluded."storedAt"`,
      organizationId,
      key,
      stamp,
      JSON.stringify(components),
    );
  } catch {
    // e.g. the connection dropped after the statement ran: the next reader computes it again
  }
}

/**
 * Folds an organization's change rows into one row per table (the sum is unchanged, so stamps stay valid) and
 * drops results not recomputed for KEEP_DAYS. Best effort: a concurrent compaction may win; nothing depends on it.
 */
async function compact(db: RawDb, organizationId: string, sources: string[]) {
  try {
    for (const source of sources) {
      await db.$queryRawUnsafe(
        `WITH gone AS (DELETE FROM "KpiChange" WHERE "organizationId" = $1::uuid AND source = $2 RETURNING n)
         INSERT INTO "KpiChange" ("organizationId", source, n) SELECT $1::uuid, $2, sum(n) FROM gone HAVING count(*) > 0`,
        organizationId,
        source,
      );
    }
    await db.$queryRawUnsafe(`DELETE FROM "KpiResult" WHERE "organizationId" = $1::uuid AND "storedAt" < now() - interval '${KEEP_DAYS} days'`, organizationId);
  } catch {
    // e.g. a deadlock with another compaction: the rows stay as they are and are folded next time
  }
}
