// The 1M-row bench dataset in PostgreSQL: created once (migrate + generate "bench" size), then reused.
// BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/sasaran_bench) names the database.
import { spawnSync } from "node:child_process";
import pg from "pg";

export const BENCH_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/sasaran_bench";

async function exec(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

function run(cmd: string, args: string[], databaseUrl = BENCH_URL) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: databaseUrl } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

/**
 * Applies pending migrations, then VACUUM ANALYZE: a migration that rewrites a table or backfills a rollup leaves
 * its pages without visibility-map bits and its new indexes without statistics, and index-only scans then visit
 * the heap (the rollup KPIs measured 5-10× slower until this ran). A few seconds when nothing changed.
 */
export async function migrateAndVacuum(url: string) {
  run("node", ["scripts/migrate.mjs", "deploy"], url);
  await exec(url, "VACUUM ANALYZE");
}

export async function ensureBenchDatabase(): Promise<{ url: string; counts: Record<string, number> }> {
  const u = new URL(BENCH_URL);
  const name = u.pathname.slice(1);
  const admin = new URL(BENCH_URL);
  admin.pathname = "/postgres";
  const exists = await exec(admin.toString(), `SELECT 1 FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`);
  if (!exists.rowCount) await exec(admin.toString(), `CREATE DATABASE "${name}"`);
  await migrateAndVacuum(BENCH_URL);
  const count = async () => {
    const r = await exec(BENCH_URL, `SELECT
      (SELECT count(*) FROM "Lead" l JOIN "Organization" o ON o.id = l."organizationId" WHERE o.slug = 'northwind')::int AS leads,
      (SELECT count(*) FROM "Deal" d JOIN "Organization" o ON o.id = d."organizationId" WHERE o.slug = 'northwind')::int AS deals,
      (SELECT count(*) FROM "Ticket" t JOIN "Organization" o ON o.id = t."organizationId" WHERE o.slug = 'northwind')::int AS tickets,
      (SELECT count(*) FROM "SurveyResponse" s JOIN "Organization" o ON o.id = s."organizationId" WHERE o.slug = 'northwind')::int AS "surveyResponses",
      (SELECT count(*) FROM "Account" a JOIN "Organization" o ON o.id = a."organizationId" WHERE o.slug = 'northwind')::int AS accounts,
      (SELECT count(*) FROM "Organization")::int AS organizations`);
    return r.rows[0] as Record<string, number>;
  };
  let counts = await count();
  if (counts.leads! < 1_000_000) {
    console.log("generating the bench dataset (once; several minutes)...");
    run("npx", ["tsx", "scripts/seed.ts", "--size", "bench", "--reset"]);
    counts = await count();
  }
  await exec(BENCH_URL, "VACUUM ANALYZE");
  return { url: BENCH_URL, counts };
}
