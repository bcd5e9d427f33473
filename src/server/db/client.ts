import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

export type Db = PrismaClient;

/** Thrown when the database is not configured or cannot be reached; shown to users as a clear message. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

/**
 * Interactive transactions ($transaction(async (tx) => ...)) wait up to 10 s for a free connection (Prisma's
 * default is 2 s: under load, with the pool busy with dashboard queries, writes failed with "Unable to start a
 * transaction in the given time" — bench/load.ts) and may run 30 s (default 5 s). Callers can still pass their own.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 } as const;

// DATABASE_URL=postgresql://...  -> real PostgreSQL (or the embedded PGlite socket server)
// DATABASE_URL=pglite:./dir       -> in-process PGlite (embedded default, no server)
async function create(url: string | undefined): Promise<PrismaClient> {
  if (!url) throw new DatabaseUnavailableError("DATABASE_URL is not set. Copy .env.example to .env (pglite:./.data/pglite needs no server).");
  if (url.startsWith("pglite:")) {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const dir = url.slice("pglite:".length);
    if (!dir.startsWith("memory://")) (await import("node:fs")).mkdirSync(dir, { recursive: true });
    return new PrismaClient({ adapter: new PrismaPGlite(new PGlite(dir)), transactionOptions: TRANSACTION_OPTIONS });
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new DatabaseUnavailableError("DATABASE_URL must start with postgresql:// or pglite:");
  }
  // PG_POOL_MAX=1 for the embedded PGlite socket server (PGlite is single-connection)
  const max = process.env.PG_POOL_MAX ? Number(process.env.PG_POOL_MAX) : undefined;
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }), transactionOptions: TRANSACTION_OPTIONS });
}

const g = globalThis as unknown as { __sasaranDb?: Promise<PrismaClient> };

/** The process-wide Prisma client, created on first use from DATABASE_URL. */
export function db(): Promise<PrismaClient> {
  if (!g.__sasaranDb) {
    g.__sasaranDb = create(process.env.DATABASE_URL);
    // a failed creation must not be cached forever
    g.__sasaranDb.catch(() => (g.__sasaranDb = undefined));
  }
  return g.__sasaranDb;
}

/** Creates a separate client (scripts and tests that open a specific database). */
export function createDb(url: string): Promise<PrismaClient> {
  return create(url);
}
