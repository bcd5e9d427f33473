// The all-or-nothing write. Rows go into a staging table, then ONE transaction runs one INSERT ... SELECT
// for the new records, one UPDATE ... FROM for the duplicates chosen for update, the audit row and the
// job's final state. Any failure (database error, cancel, a row that no longer validates) rolls the
// transaction back and drops the staging table: nothing is left behind.
// On PostgreSQL the rows are streamed with COPY (pg-copy-streams) into a temporary table inside that
// transaction, on a connection of its own. Elsewhere (PGlite, or PG_POOL_MAX=1) batched multi-row INSERTs
// fill an unlogged table named after the job, outside the transaction, so that the single connection
// still answers the progress polls between batches; only the final statements hold the transaction.
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { PrismaClient } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import type { TypeDef } from "./fields";

export type Exec = (sql: string, params: unknown[]) => Promise<number>;
/** Runs a statement in the import's transaction and returns its rows. */
export type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
export type AddRow = (n: number, target: string | null, values: (string | null)[]) => Promise<void>;

/** Where the import writes: the Prisma client, and a PostgreSQL URL for COPY (null: batched INSERTs). */
export type ImportEnv = { db: PrismaClient; pgUrl: string | null };

/** The environment of the running app: COPY when DATABASE_URL is PostgreSQL with more than one connection. */
export function importEnvFor(db: PrismaClient): ImportEnv {
  const url = process.env.DATABASE_URL ?? "";
  const usable = /^postgres(ql)?:\/\//.test(url) && process.env.PG_POOL_MAX !== "1";
  return { db, pgUrl: usable ? url : null };
}

const stageColumns = (def: TypeDef) => `(_n integer NOT NULL, _target text, ${def.columns.map((c) => `"${c.name}" text`).join(", ")})`;

// COPY text format: backslash, tab, newline and CR escaped; \N is NULL
function copyText(v: string | null): string {
  if (v === null) return "\\N";
  return v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** Runs `body` (which adds rows) and then `finish` (the final statements) in one transaction. */
export async function inStagingTransaction(
  env: ImportEnv,
  def: TypeDef,
  jobId: string,
  body: (add: AddRow) => Promise<void>,
  finish: (exec: Exec, stage: string, query: Query) => Promise<void>,
): Promise<void> {
  if (env.pgUrl) return withCopy(env.pgUrl, def, body, finish);
  return withPrisma(env.db, def, `import_stage_${jobId.replace(/[^a-f0-9]/gi, "")}`, body, finish);
}

async function withCopy(url: string, def: TypeDef, body: (add: AddRow) => Promise<void>, finish: (exec: Exec, stage: string, query: Query) => Promise<void>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`CREATE TEMP TABLE import_stage ${stageColumns(def)} ON COMMIT DROP`);
    const copy = client.query(copyFrom("COPY import_stage FROM STDIN"));
    let copyError: Error | null = null;
    const done = new Promise<void>((resolve, reject) => {
      copy.on("finish", resolve);
      copy.on("error", (e: Error) => {
        copyError = e;
        reject(e);
      });
    });
    done.catch(() => {}); // observed below; avoid an unhandled rejection while rows are still being added
    let buf = "";
    const flush = async () => {
      if (copyError) throw copyError;
      if (!buf) return;
      const ok = copy.write(buf);
      buf = "";
      if (!ok) await new Promise<void>((resolve) => copy.once("drain", resolve));
    };
    await body(async (n, target, values) => {
      buf += `${n}\t${copyText(target)}\t${values.map(copyText).join("\t")}\n`;
      if (buf.length > 256 * 1024) await flush();
    });
    await flush();
    copy.end();
    await done;
    await finish(async (sql, params) => (await client.query(sql, params)).rowCount ?? 0, "import_stage", async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[]);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

async function withPrisma(db: PrismaClient, def: TypeDef, stage: string, body: (add: AddRow) => Promise<void>, finish: (exec: Exec, stage: string, query: Query) => Promise<void>) {
  const width = def.columns.length + 2;
  const perBatch = Math.max(1, Math.floor(30000 / width));
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${stage}"`);
  await db.$executeRawUnsafe(`CREATE UNLOGGED TABLE "${stage}" ${stageColumns(def)}`);
  try {
    let params: unknown[] = [];
    let rows: string[] = [];
    const flush = async () => {
      if (!rows.length) return;
      await db.$executeRawUnsafe(`INSERT INTO "${stage}" VALUES ${rows.join(", ")}`, ...params);
      params = [];
      rows = [];
    };
    await body(async (n, target, values) => {
      const base = params.length;
      rows.push(`(${Array.from({ length: width }, (_, i) => `$${base + i + 1}${i === 0 ? "::integer" : ""}`).join(", ")})`);
      params.push(n, target, ...values);
      if (rows.length >= perBatch) await flush();
    });
    await flush();
    await db.$transaction(async (tx) => finish((sql, p) => tx.$executeRawUnsafe(sql, ...p), stage, (sql, p) => tx.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...p)), { timeout: 3_600_000, maxWait: 60_000 });
  } finally {
    await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${stage}"`).catch(() => {});
  }
}

/** INSERT ... SELECT for the new rows; $1 is the organization. */
export function insertSql(def: TypeDef, stage: string): string {
  const names = def.columns.map((c) => `"${c.name}"`).join(", ");
  const exprs = def.columns
    .map((c) => (c.insertDefault ? `COALESCE(s."${c.name}"::${c.sqlType}, ${c.insertDefault})` : `s."${c.name}"::${c.sqlType}`))
    .join(", ");
  return `INSERT INTO "${def.table}" ("organizationId", ${names}) SELECT $1::uuid, ${exprs} FROM "${stage}" s WHERE s._target IS NULL ORDER BY s._n`;
}

/** UPDATE ... FROM for the duplicates chosen for update: a blank cell keeps the existing value. */
export function updateSql(def: TypeDef, stage: string): string {
  const sets = def.columns.map((c) => `"${c.name}" = COALESCE(s."${c.name}"::${c.sqlType}, t."${c.name}")`);
  if (def.hasUpdatedAt) sets.push(`"updatedAt" = now()`);
  return `UPDATE "${def.table}" t SET ${sets.join(", ")} FROM "${stage}" s
    WHERE s._target IS NOT NULL AND t."id" = s._target::uuid AND t."organizationId" = $1::uuid`;
}

/** recordAudit writing through the transaction's statement runner. */
export async function auditImport(exec: Exec, organizationId: string, actorId: string, jobId: string, changes: Record<string, unknown>) {
  await recordAudit(
    {
      auditLog: {
        create: async ({ data }) =>
          exec(
            `INSERT INTO "AuditLog" ("organizationId", "actorId", "action", "entityType", "entityId", "changes") VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::jsonb)`,
            [organizationId, data.actorId, data.action, data.entityType, data.entityId, JSON.stringify(data.changes ?? null)],
          ),
      },
    },
    { actorId, action: "import", entityType: "ImportJob", entityId: jobId, changes },
  );
}
