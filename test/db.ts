// Real databases for integration tests (no mocks): a fresh PostgreSQL database per call when
// TEST_DATABASE_URL=postgresql://... is set, otherwise an in-memory PGlite. Both get every committed
// migration applied, in order, exactly as written in prisma/migrations.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

const MIGRATIONS = path.join(process.cwd(), "prisma/migrations");

export function migrationScripts(): string[] {
  return readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((d) => readFileSync(path.join(MIGRATIONS, d, "migration.sql"), "utf8"));
}

export type TestDb = { db: PrismaClient; kind: "postgres" | "pglite"; url: string; close: () => Promise<void> };

export async function createTestDb(): Promise<TestDb> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) return createPostgresDb(server);
  return createPgliteDb();
}

/** Always an in-memory PGlite, whatever TEST_DATABASE_URL says (for comparing the two databases). */
export async function createPgliteDb(): Promise<TestDb> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pg = new PGlite("memory://");
  for (const sql of migrationScripts()) await pg.exec(sql);
  const db = new PrismaClient({ adapter: new PrismaPGlite(pg) });
  return { db, kind: "pglite", url: "pglite:memory://", close: async () => { await db.$disconnect(); await pg.close(); } };
}

export async function createPostgresDb(serverUrl: string): Promise<TestDb> {
  const { default: pg } = await import("pg");
  const name = `sasaran_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const sql of migrationScripts()) await c.query(sql);
  await c.end();
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
  return {
    db, kind: "postgres", url,
    close: async () => {
      await db.$disconnect();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}
