// The all-or-nothing write. Rows go into a temporary staging table inside ONE transaction, then one
// INSERT ... SELECT creates the new records and one UPDATE ... FROM updates the duplicates chosen for
// update; the audit row and the job's final state are written in the same transaction. Any failure
// (database error, cancel, a row that no longer validates) rolls everything back: nothing is left behind.
// On PostgreSQL the rows are streamed into the staging table with COPY (pg-copy-streams); elsewhere
// (PGlite) with batched multi-row INSERTs through Prisma.
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { PrismaClient } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import type { TypeDef } from "./fields";

export type Exec = (sql: string, params: unknown[]) => Promise<number>;
export type AddRow = (n: number, target: string | null, values: (string | null)[]) => Promise<void>;

/** Where the import writes: the Prisma client, and a PostgreSQL URL for COPY (null: batched INSERTs). */
export type ImportEnv = { db: PrismaClient; pgUrl: string | null };

/** The environment of the running app: COPY when DATABASE_URL is PostgreSQL with more than one connection. */
export function importEnvFor(db: PrismaClient): ImportEnv {
  const url = process.env.DATABASE_URL ?? "";
  const usable = /^postgres(ql)?:\/\//.test(url) && process.env.PG_POOL_MAX !== "1";
  return { db, pgUrl: usable ? url : null };
}

const stageDdl = (def: TypeDef) =>
  `CREATE TEMP TABLE import_stage (_n integer NOT NULL, _target text, ${def.columns.map((c) => `"${c.name}" text`).join(", ")}) ON COMMIT DROP`;

// COPY text format: backslash, tab, newline and CR escaped; \N is NULL
function copyText(v: string | null): string {
  if (v === null) return "\\N";
  return v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** Runs `body` (which adds rows) and then `finish` (the final statements) in one transaction. */
export async function inStagingTransaction(
  env: ImportEnv,
  def: TypeDef,
  body: (add: AddRow) => Promise<void>,
  finish: (exec: Exec) => Promise<void>,
): Promise<void> {
  if (env.pgUrl) return withCopy(env.pgUrl, def, body, finish);
  return withPrisma(env.db, def, body, finish);
}

async function withCopy(url: string, def: TypeDef, body: (add: AddRow) => Promise<void>, finish: (exec: Exec) => Promise<void>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(stageDdl(def));
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
    await finish(async (sql, params) => (await client.query(sql, params)).rowCount ?? 0);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

async function withPrisma(db: PrismaClient, def: TypeDef, body: (add: AddRow) => Promise<void>, finish: (exec: Exec) => Promise<void>) {
  const width = def.columns.length + 2;
  const perBatch = Math.max(1, Math.floor(30000 / width));
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(stageDdl(def));
      let params: unknown[] = [];
      let rows: string[] = [];
      const flush = async () => {
        if (!rows.length) return;
        await tx.$executeRawUnsafe(`INSERT INTO import_stage VALUES ${rows.join(", ")}`, ...params);
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
      await finish((sql, p) => tx.$executeRawUnsafe(sql, ...p));
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
}

/** INSERT ... SELECT for the new rows; $1 is the organization. */
export function insertSql(def: TypeDef): string {
  const names = def.columns.map((c) => `"${c.name}"`).join(", ");
  const exprs = def.columns
    .map((c) => (c.insertDefault ? `COALESCE(s."${c.name}"::${c.sqlType}, ${c.insertDefault})` : `s."${c.name}"::${c.sqlType}`))
    .join(", ");
  return `INSERT INTO "${def.table}" ("organizationId", ${names}) SELECT $1::uuid, ${exprs} FROM import_stage s WHERE s._target IS NULL ORDER BY s._n`;
}

/** UPDATE ... FROM for the duplicates chosen for update: a blank cell keeps the existing value. */
export function updateSql(def: TypeDef): string {
  const sets = def.columns.map((c) => `"${c.name}" = COALESCE(s."${c.name}"::${c.sqlType}, t."${c.name}")`);
  if (def.hasUpdatedAt) sets.push(`"updatedAt" = now()`);
  return `UPDATE "${def.table}" t SET ${sets.join(", ")} FROM import_stage s
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
