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

// DATABASE_URL=postgresql://...  -> real PostgreSQL (or the embedded PGlite socket server)
// DATABASE_URL=pglite:./dir       -> in-process PGlite (embedded default, no server)
async function create(url: string | undefined): Promise<PrismaClient> {
  if (!url) throw new DatabaseUnavailableError("DATABASE_URL is not set. Copy .env.example to .env (pglite:./.data/pglite needs no server).");
  if (url.startsWith("pglite:")) {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const dir = url.slice("pglite:".length);
    if (!dir.startsWith("memory://")) (await import("node:fs")).mkdirSync(dir, { recursive: true });
    return new PrismaClient({ adapter: new PrismaPGlite(new PGlite(dir)) });
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new DatabaseUnavailableError("DATABASE_URL must start with postgresql:// or pglite:");
  }
  // PG_POOL_MAX=1 for the embedded PGlite socket server (PGlite is single-connection)
  const max = process.env.PG_POOL_MAX ? Number(process.env.PG_POOL_MAX) : undefined;
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
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
