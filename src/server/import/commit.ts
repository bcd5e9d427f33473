// The all-or-nothing write, in ONE transaction: the rows, the audit row and the job's final state. Any failure
// (database error, cancel, a row that no longer validates) rolls the transaction back: nothing is left behind.
// On PostgreSQL, on a connection of its own:
//  - "direct" (the validation found nothing to update): the rows stream with COPY (pg-copy-streams) straight
//    into the target table while the file is read, so the database writes while this process parses; the
//    statement-level KpiDaily trigger fires once at the end of the COPY with all rows in its transition table.
//  - otherwise the rows stream with COPY into a temporary staging table, then one INSERT ... SELECT creates the
//    new records and one UPDATE ... FROM updates the duplicates chosen for update.
// Elsewhere (PGlite, or PG_POOL_MAX=1) batched multi-row INSERTs fill an unlogged staging table named after the
// job, outside the transaction, so that the single connection still answers the progress polls between
// batches; only the final statements hold the transaction.
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { PrismaClient } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import { uuidv7 } from "@/server/db/uuidv7";
import type { TypeDef } from "./fields";

export type Exec = (sql: string, params: unknown[]) => Promise<number>;
/** Runs a statement in the import's transaction and returns its rows. */
export type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
/** Adds a row; returns a promise only when the caller must wait (a batch is being written). */
export type AddRow = (n: number, target: string | null, values: (string | null)[]) => Promise<void> | void;
/** How the rows were written: `direct` when they went straight into the target table (`copied` rows). */
export type Staged = { stage: string; direct: boolean; copied: number };

/**
 * Where the import writes: the Prisma client, and a PostgreSQL URL for COPY (null: batched INSERTs).
 * `timings`, when given, receives the milliseconds of each phase of a pass (the benchmark reads them).
 */
export type ImportEnv = { db: PrismaClient; pgUrl: string | null; timings?: Record<string, number> };

/** The environment of the running app: COPY when DATABASE_URL is PostgreSQL with more than one connection. */
export function importEnvFor(db: PrismaClient): ImportEnv {
  const url = process.env.DATABASE_URL ?? "";
  const usable = /^postgres(ql)?:\/\//.test(url) && process.env.PG_POOL_MAX !== "1";
  return { db, pgUrl: usable ? url : null };
}

const stageColumns = (def: TypeDef) => `(_n integer NOT NULL, _target text, ${def.columns.map((c) => `"${c.name}" text`).join(", ")})`;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
/** COPY text format: backslash, tab, newline and CR escaped; \N is NULL. */
export function copyText(v: string | null): string {
  if (v === null) return "\\N";
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** One line of COPY text: the leading fields, then the values. */
function copyLine(head: string, values: (string | null)[]): string {
  let line = head;
  for (let i = 0; i < values.length; i++) line += `\t${copyText(values[i]!)}`;
  return `${line}\n`;
}

/**
 * Runs `body` (which adds rows) and then `finish` (the final statements) in one transaction. With `direct`
 * (and COPY available) the rows go straight into the target table of the organization `organizationId`;
 * `finish` learns which way they went.
 */
export async function inStagingTransaction(
  env: ImportEnv,
  def: TypeDef,
  jobId: string,
  opts: { direct: boolean; organizationId: string },
  body: (add: AddRow) => Promise<void>,
  finish: (exec: Exec, staged: Staged, query: Query) => Promise<void>,
): Promise<void> {
  if (env.pgUrl) return withCopy(env, def, opts, body, finish);
  return withPrisma(env.db, def, `import_stage_${jobId.replace(/[^a-f0-9]/gi, "")}`, body, finish);
}

const since = (t0: number) => Math.round(performance.now() - t0);

/** CPU milliseconds used so far by a process of this machine (the database backend, for the benchmark), or null. */
async function processCpuMs(pid: number): Promise<number | null> {
  try {
    const { readFile } = await import("node:fs/promises");
    const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms
  } catch {
    return null;
  }
}

async function withCopy(
  env: ImportEnv,
  def: TypeDef,
  opts: { direct: boolean; organizationId: string },
  body: (add: AddRow) => Promise<void>,
  finish: (exec: Exec, staged: Staged, query: Query) => Promise<void>,
) {
  const client = new pg.Client({ connectionString: env.pgUrl! });
  // a lost connection (database restarted) fails the running statement, which fails the import; without a
  // listener the client's 'error' event would end the whole server process
  client.on("error", (e) => console.error("[import] database connection lost", e.message));
  await client.connect();
  /** the COPY while it runs: a failure in the middle must end it (CopyFail) before the ROLLBACK can run */
  let open: import("pg-copy-streams").CopyStreamQuery | null = null;
  try {
    await client.query("BEGIN");
    // the statement triggers read the new rows from a tuplestore that spills to a temporary file past work_mem
    // (4 MB by default; 100,000 deals take ~25 MB): 64 MB keeps an import of that size in memory
    await client.query("SET LOCAL work_mem = '64MB'");
    // the benchmark also reads the database backend's CPU time (when the server runs on this machine)
    const backend = env.timings ? ((await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number) : 0;
    const backendCpu0 = backend ? await processCpuMs(backend) : null;
    let copySql: string;
    // a blank cell of a NOT NULL column gets the column's insert default, evaluated once in this transaction
    // (now() is the transaction's time, as it is in the INSERT ... SELECT)
    let defaults: (string | null)[] = [];
    if (opts.direct) {
      // the ids come from this process, time-ordered (uuidv7.ts: the primary-key index grows at its right end);
      // PostgreSQL's gen_random_uuid() default also cost ~2.7 µs a row here (a getrandom call each)
      copySql = `COPY "${def.table}" ("id", "organizationId", ${def.columns.map((c) => `"${c.name}"`).join(", ")}) FROM STDIN`;
      const withDefault = def.columns.filter((c) => c.insertDefault);
      const row = withDefault.length
        ? (await client.query(`SELECT ${withDefault.map((c, i) => `(${c.insertDefault})::${c.sqlType}::text AS d${i}`).join(", ")}`)).rows[0]
        : {};
      defaults = def.columns.map((c) => (c.insertDefault ? (row[`d${withDefault.indexOf(c)}`] as string) : null));
    } else {
      await client.query(`CREATE TEMP TABLE import_stage ${stageColumns(def)} ON COMMIT DROP`);
      copySql = "COPY import_stage FROM STDIN";
    }
    const copy = client.query(copyFrom(copySql));
    let copyError: Error | null = null;
    const done = new Promise<void>((resolve, reject) => {
      copy.on("finish", resolve);
      copy.on("error", (e: Error) => {
        copyError = e;
        reject(e);
      });
    });
    done.catch(() => {}); // observed below; avoid an unhandled rejection while rows are still being added
    open = copy;
    done.then(() => (open = null), () => (open = null));
    let buf = "";
    // backpressure: at most one batch waits in this process; the socket's drain paces the file reading. Batches
    // stay under V8's large-object size (128 KB): larger strings go straight to the old generation and stay
    // there until a full collection, which made the peak heap swing by 60 MB between runs of the same import
    const BATCH_CHARS = 48 * 1024;
    const flush = async () => {
      if (copyError) throw copyError;
      if (!buf) return;
      const ok = copy.write(buf);
      buf = "";
      if (!ok) await new Promise<void>((resolve) => copy.once("drain", resolve));
    };
    const orgField = copyText(opts.organizationId);
    const t0 = performance.now();
    await body((n, target, values) => {
      if (opts.direct) {
        if (target !== null) throw new Error("an update cannot be written directly");
        for (let i = 0; i < defaults.length; i++) if (values[i] === null && defaults[i] !== null) values[i] = defaults[i]!;
        buf += copyLine(`${uuidv7()}\t${orgField}`, values);
      } else buf += copyLine(`${n}\t${copyText(target)}`, values);
      if (buf.length > BATCH_CHARS) return flush();
    });
    await flush();
    if (env.timings) env.timings.commitRowsMs = since(t0);
    const t1 = performance.now();
    copy.end();
    await done; // for a direct COPY this includes the foreign-key checks and the KpiDaily trigger
    if (env.timings) env.timings.copyEndMs = since(t1);
    const t2 = performance.now();
    await finish(async (sql, params) => (await client.query(sql, params)).rowCount ?? 0, { stage: "import_stage", direct: opts.direct, copied: copy.rowCount }, async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[]);
    const backendCpu1 = backendCpu0 !== null ? await processCpuMs(backend) : null;
    await client.query("COMMIT");
    if (env.timings) env.timings.finishMs = since(t2);
    if (env.timings && backendCpu0 !== null && backendCpu1 !== null) env.timings.commitDbCpuMs = backendCpu1 - backendCpu0;
  } catch (e) {
    const copy = open as import("pg-copy-streams").CopyStreamQuery | null;
    if (copy) {
      // the server answers the CopyFail with an error; then the connection takes the ROLLBACK
      await new Promise<void>((resolve) => {
        copy.once("close", resolve);
        copy.once("error", () => resolve());
        copy.destroy(e instanceof Error ? e : new Error(String(e)));
        setTimeout(resolve, 10_000).unref();
      });
    }
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

async function withPrisma(db: PrismaClient, def: TypeDef, stage: string, body: (add: AddRow) => Promise<void>, finish: (exec: Exec, staged: Staged, query: Query) => Promise<void>) {
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
    await body((n, target, values) => {
      const base = params.length;
      rows.push(`(${Array.from({ length: width }, (_, i) => `$${base + i + 1}${i === 0 ? "::integer" : ""}`).join(", ")})`);
      params.push(n, target, ...values);
      if (rows.length >= perBatch) return flush();
    });
    await flush();
    await db.$transaction(async (tx) => finish((sql, p) => tx.$executeRawUnsafe(sql, ...p), { stage, direct: false, copied: 0 }, (sql, p) => tx.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...p)), { timeout: 3_600_000, maxWait: 60_000 });
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
