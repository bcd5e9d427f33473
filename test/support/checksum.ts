// One statement that fingerprints every table of the database (row count and an md5 of the rows), for
// "a refused call changed nothing" checks that must be cheap enough to run around hundreds of calls.
import type { PrismaClient } from "@/generated/prisma/client";

let sql: string | null = null;

export async function databaseChecksum(db: PrismaClient): Promise<string> {
  if (!sql) {
    const tables = await db.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
         -- the KPI result cache and its change counter (src/server/kpi/cache.ts): reads fill the one and fold the
         -- other (same sums, fewer rows); neither is data, and a real write shows in its own table anyway
         AND table_name NOT IN ('_prisma_migrations', 'KpiResult', 'KpiChange') ORDER BY 1`;
    sql = `SELECT ${tables
      .map((t) => `(SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM "${t.name}" x) AS "${t.name}"`)
      .join(", ")}`;
  }
  const [row] = await db.$queryRawUnsafe<Record<string, string>[]>(sql);
  return JSON.stringify(row);
}
