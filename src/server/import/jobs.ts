// Import jobs: created from an upload, mapped, validated (streamed pass, report on disk), committed
// (streamed pass into one transaction). The passes run in the background of the server process; the
// job row carries their progress for the UI to poll, and a registry in this process holds what is running
// (live progress, the cancel switch, the promise tests can await).
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { PrismaClient } from "@/generated/prisma/client";
import type { TenantDb } from "@/server/db/tenant";
import type { Role } from "@/server/auth/permissions";
import { ForbiddenError, NotFoundError, UserError } from "@/server/errors";
import { IMPORT_TYPES, canImportType, isImportType, typeDef, type ImportType } from "./fields";
import { autoMap, mappingError, type Mapping } from "./mapping";
import { ImportFileError, readCsv, readHead } from "./csv";
import { loadExistingKeys, loadLookups } from "./lookups";
import { RowProcessor, type DuplicateMode, type JobConfig, type RowError } from "./processor";
import type { DateFormat } from "./convert";
import { auditImport, inStagingTransaction, insertSql, updateSql, type ImportEnv } from "./commit";
import { rescoreAllLeads } from "@/server/scoring/recompute";
import { REPORT_HEADER, csvLine } from "./report";
import { removeUpload, reportPath } from "./storage";

export type ImportActor = { db: TenantDb; baseDb: PrismaClient; organizationId: string; userId: string; role: Role };

export const ERROR_SAMPLE_SIZE = 200;
const SAMPLE_ROWS = 10;

export type ImportStats = {
  rows?: number;
  toCreate?: number;
  toUpdate?: number;
  toSkip?: number;
  errorRows?: number;
  duplicatesInFile?: number;
  duplicatesExisting?: number;
  errorsByColumn?: Record<string, number>;
  duplicateSample?: { row: number; duplicateOf: string }[];
  created?: number;
  updated?: number;
  skipped?: number;
};

/** The import types a role may use. */
export function importTypesFor(role: Role): ImportType[] {
  return IMPORT_TYPES.filter((t) => canImportType(role, t));
}

export function assertCanImport(role: Role, type: string): asserts type is ImportType {
  if (!isImportType(type)) throw new UserError(`type: unknown record type "${type}"`);
  if (!canImportType(role, type)) throw new ForbiddenError(`Your role cannot import ${typeDef(type).plural.toLowerCase()}.`);
}

// ---------------------------------------------------------------------------------------------
// What is running in this process

type Live = { controller: AbortController; phase: "validate" | "commit"; processedRows: number; processedBytes: number; done: Promise<void> };
const g = globalThis as unknown as { __sasaranImports?: Map<string, Live> };
const running = (g.__sasaranImports ??= new Map());

/** Resolves when the job's running pass (if any) has finished. For tests and the benchmark. */
export async function waitForJob(jobId: string): Promise<void> {
  await running.get(jobId)?.done;
}

// Several app instances can share one database: a pass runs on the instance that started it, which writes its
// progress (at most every 1/2 s) and a heartbeat (every HEARTBEAT_MS) to the job row. Any instance reads progress
// from the row; a VALIDATING/COMMITTING job whose row has not moved for STALE_MS is one whose instance stopped
// (interrupted); a cancel on any instance sets cancelRequestedAt, which the running instance sees at its next beat.
export const HEARTBEAT_MS = 2_000;
export const STALE_MS = 30_000;

class Cancelled extends Error {
  constructor() {
    super("cancelled");
  }
}

// ---------------------------------------------------------------------------------------------
// Jobs

const jobSelect = {
  id: true, type: true, status: true, fileName: true, fileSize: true, delimiter: true, headers: true, sample: true, mapping: true,
  duplicateMode: true, dateFormat: true, totalRows: true, processedRows: true, processedBytes: true, errorCount: true,
  errorSample: true, stats: true, message: true, createdAt: true, updatedAt: true, finishedAt: true, createdById: true, cancelRequestedAt: true,
} as const;

/** A pass is running for the job: here, or on another instance whose heartbeat is recent. */
function runningSomewhere(job: { id: string; status: string; updatedAt: Date }, now = Date.now()): boolean {
  if (running.has(job.id)) return true;
  return (job.status === "VALIDATING" || job.status === "COMMITTING") && now - job.updatedAt.getTime() < STALE_MS;
}

async function findJob(a: ImportActor, jobId: string) {
  const job = await a.db.importJob.findFirst({ where: { id: jobId }, select: { ...jobSelect, filePath: true } });
  if (!job) throw new NotFoundError("No such import in this organization.");
  assertCanImport(a.role, job.type);
  return job;
}

function configOf(job: { type: string; headers: unknown; mapping: unknown; dateFormat: string; duplicateMode: string }): JobConfig {
  return {
    type: job.type as ImportType,
    headers: job.headers as string[],
    mapping: job.mapping as Mapping,
    dateFormat: job.dateFormat as DateFormat,
    duplicateMode: job.duplicateMode as DuplicateMode,
  };
}

/** Registers an uploaded file as a job: reads its header and first rows and maps the columns it recognises. */
export async function createJob(a: ImportActor, input: { type: string; fileName: string; filePath: string; fileSize: number }) {
  assertCanImport(a.role, input.type);
  let head;
  try {
    head = await readHead(input.filePath, SAMPLE_ROWS);
  } catch (e) {
    await removeUpload(input.filePath);
    throw e;
  }
  const job = await a.db.importJob.create({
    data: {
      organizationId: a.organizationId, createdById: a.userId, type: input.type, fileName: input.fileName.slice(0, 255), filePath: input.filePath,
      fileSize: BigInt(input.fileSize), delimiter: head.delimiter, headers: head.headers, sample: head.sample, mapping: autoMap(input.type, head.headers),
    },
    select: { id: true },
  });
  return job;
}

const INTERRUPTED = "The import was interrupted (the server restarted); nothing was imported. Validate again.";

/**
 * A job whose row says a pass is running but that no instance is running (none here, and no heartbeat from
 * another instance for STALE_MS): the server stopped (or was killed) during the pass. Its transaction was rolled back with the connection, so nothing was written; the
 * job reads as FAILED everywhere (job page and list) and can be validated again.
 */
function interrupted(job: { id: string; status: string; updatedAt: Date }): boolean {
  return (job.status === "VALIDATING" || job.status === "COMMITTING") && !runningSomewhere(job);
}

/** A job as the UI shows it: live progress of a running pass, problems of the mapping. */
export async function getJob(a: ImportActor, jobId: string) {
  const { filePath: _path, ...job } = await findJob(a, jobId);
  const live = running.get(jobId);
  const cfg = configOf(job);
  const elsewhere = !live && runningSomewhere(job);
  const stale = interrupted(job);
  return {
    ...job,
    fileSize: Number(job.fileSize),
    processedRows: live?.processedRows ?? job.processedRows,
    processedBytes: live?.processedBytes ?? Number(job.processedBytes),
    status: stale ? ("FAILED" as const) : job.status,
    message: stale ? INTERRUPTED : job.message,
    headers: cfg.headers,
    mapping: cfg.mapping,
    sample: job.sample as string[][],
    errorSample: job.errorSample as RowError[],
    stats: job.stats as ImportStats,
    mappingProblem: mappingError(cfg.type, cfg.headers, cfg.mapping),
    running: !!live || elsewhere,
  };
}

export async function listJobs(a: ImportActor) {
  const types = importTypesFor(a.role);
  const jobs = await a.db.importJob.findMany({
    where: { type: { in: types } },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, type: true, status: true, fileName: true, totalRows: true, errorCount: true, stats: true, createdAt: true, updatedAt: true },
  });
  // updatedAt is the running pass's heartbeat: it tells an interrupted job; the list does not show it
  return jobs.map(({ updatedAt, ...j }) => ({ ...j, status: interrupted({ ...j, updatedAt }) ? ("FAILED" as const) : j.status, stats: j.stats as ImportStats }));
}

const EDITABLE = ["MAPPING", "VALIDATED", "FAILED", "CANCELLED"];

export async function updateMapping(a: ImportActor, jobId: string, input: { mapping: Mapping; duplicateMode: DuplicateMode; dateFormat: DateFormat }) {
  const job = await findJob(a, jobId);
  if (!EDITABLE.includes(job.status) || runningSomewhere(job)) throw new UserError(`The import is ${job.status.toLowerCase()}; its mapping can no longer change.`);
  const def = typeDef(job.type as ImportType);
  if (input.duplicateMode === "keep" && def.uniqueKey) throw new UserError(`duplicateMode: ${def.plural.toLowerCase()} must have unique names; choose skip or update.`);
  const headers = job.headers as string[];
  const mapping: Mapping = {};
  for (let i = 0; i < headers.length; i++) {
    const key = input.mapping[String(i)] ?? null;
    if (key !== null && !def.fields.some((fd) => fd.key === key)) throw new UserError(`mapping: "${key}" is not a field of ${def.plural.toLowerCase()}.`);
    mapping[String(i)] = key;
  }
  await a.db.importJob.update({
    where: { id: jobId },
    data: { mapping, duplicateMode: input.duplicateMode, dateFormat: input.dateFormat, status: "MAPPING", errorCount: 0, errorSample: [], stats: {}, totalRows: null, processedRows: 0, processedBytes: 0, message: null },
  });
  return getJob(a, jobId);
}

/** Cancels the running pass (its transaction rolls back). Cancelling a job that is not running does nothing. */
export async function cancelJob(a: ImportActor, jobId: string) {
  const job = await findJob(a, jobId);
  if (!running.has(jobId) && runningSomewhere(job)) {
    // running on another instance: ask it through the row, then wait (bounded) for it to stop
    await a.db.importJob.update({ where: { id: jobId }, data: { cancelRequestedAt: new Date() } });
    for (let waited = 0; waited < 4 * HEARTBEAT_MS; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
      const now = await a.db.importJob.findFirst({ where: { id: jobId }, select: { status: true, updatedAt: true, id: true } });
      if (!now || !runningSomewhere(now)) break;
    }
    return getJob(a, jobId);
  }
  running.get(jobId)?.controller.abort(new Cancelled());
  await running.get(jobId)?.done;
  return getJob(a, jobId);
}

// ---------------------------------------------------------------------------------------------
// Passes

function startPass(a: ImportActor, jobId: string, phase: Live["phase"], run: (live: Live) => Promise<void>) {
  const live: Live = { controller: new AbortController(), phase, processedRows: 0, processedBytes: 0, done: Promise.resolve() };
  running.set(jobId, live);
  // heartbeat: progress + updatedAt on the row, and a cancel asked for on another instance
  let beating = false;
  const beat = setInterval(() => {
    if (beating) return;
    beating = true;
    a.baseDb.importJob
      .update({
        where: { id: jobId },
        data: { processedRows: live.processedRows, processedBytes: BigInt(live.processedBytes) },
        select: { cancelRequestedAt: true },
      })
      .then((row) => {
        if (row.cancelRequestedAt) live.controller.abort(new Cancelled());
      })
      .catch(() => {})
      .finally(() => (beating = false));
  }, HEARTBEAT_MS);
  beat.unref?.();
  live.done = run(live)
    .catch((e) => console.error(`[import ${jobId}] ${phase} failed`, e))
    .finally(() => {
      clearInterval(beat);
      running.delete(jobId);
    });
}

/** Starts validation in the background (no-op while a pass runs). */
export async function startValidation(env: ImportEnv, a: ImportActor, jobId: string) {
  const job = await findJob(a, jobId);
  if (runningSomewhere(job)) return getJob(a, jobId);
  if (job.status === "DONE") throw new UserError("This file has already been imported.");
  const cfg = configOf(job);
  const problem = mappingError(cfg.type, cfg.headers, cfg.mapping);
  if (problem) throw new UserError(problem);
  await a.db.importJob.update({ where: { id: jobId }, data: { status: "VALIDATING", processedRows: 0, processedBytes: 0, message: null, errorCount: 0, errorSample: [], stats: {}, cancelRequestedAt: null } });
  startPass(a, jobId, "validate", (live) => validatePass(env, a, jobId, job.filePath, job.delimiter, cfg, live));
  return getJob(a, jobId);
}

/** Starts the commit in the background. Needs a validated job without errors; a job done or committing is left as it is. */
export async function startCommit(env: ImportEnv, a: ImportActor, jobId: string) {
  const job = await findJob(a, jobId);
  if (runningSomewhere(job) || job.status === "DONE") return getJob(a, jobId);
  if (job.status !== "VALIDATED") throw new UserError("Validate the file before importing it.");
  if (job.errorCount > 0) throw new UserError(`The file has ${job.errorCount} errors: fix them (download the report) and upload it again.`);
  await a.db.importJob.update({ where: { id: jobId }, data: { status: "COMMITTING", processedRows: 0, processedBytes: 0, message: null, cancelRequestedAt: null } });
  const validated = job.stats as ImportStats;
  startPass(a, jobId, "commit", (live) => commitPass(env, a, jobId, job.filePath, job.delimiter, configOf(job), job.fileName, validated, live));
  return getJob(a, jobId);
}

/**
 * Progress writes to the job row, at most every 1/2 s and never waited for: the pass does not stall
 * on a slow database. `settle()` waits for the last one (before the final state is written).
 */
function progressWriter(a: ImportActor, jobId: string, live: Live) {
  let last = 0;
  let inFlight: Promise<unknown> | null = null;
  const write = () => {
    const now = Date.now();
    if (inFlight || now - last < 500) return;
    last = now;
    inFlight = a.baseDb.importJob
      .updateMany({ where: { id: jobId, organizationId: a.organizationId }, data: { processedRows: live.processedRows, processedBytes: BigInt(live.processedBytes) } })
      .catch(() => {})
      .finally(() => (inFlight = null));
  };
  write.settle = async () => {
    await inFlight;
  };
  return write;
}

async function finishJob(a: ImportActor, jobId: string, data: Parameters<PrismaClient["importJob"]["update"]>[0]["data"]) {
  await a.baseDb.importJob.updateMany({ where: { id: jobId, organizationId: a.organizationId }, data: data as never });
}

function failure(e: unknown): { status: "CANCELLED" | "FAILED"; message: string } {
  if (e instanceof Cancelled) return { status: "CANCELLED", message: "Cancelled: nothing was imported." };
  if (e instanceof UserError) return { status: "FAILED", message: e.message };
  console.error("[import]", e);
  return { status: "FAILED", message: "The import failed and nothing was imported. Try again; if it fails again, tell your administrator." };
}

export async function validatePass(env: ImportEnv, a: ImportActor, jobId: string, filePath: string, delimiter: string, cfg: JobConfig, live: Live) {
  const progress = progressWriter(a, jobId, live);
  const out = createWriteStream(reportPath(filePath));
  // a write error is kept and thrown by the next write or at the end; without a listener, a write still in flight
  // when a refused file destroys the stream (a UTF-16 file fails on its first bytes) crashed the process
  let outError: Error | null = null;
  out.on("error", (e) => (outError ??= e));
  const write = async (line: string) => {
    if (outError) throw outError;
    if (!out.write(line)) await once(out, "drain");
  };
  try {
    const def = typeDef(cfg.type);
    const mapped = Object.values(cfg.mapping).flatMap((k) => def.fields.filter((fd) => fd.key === k));
    const t0 = performance.now();
    const lookups = await loadLookups(a.baseDb, a.organizationId, cfg.type, mapped);
    const existing = await loadExistingKeys(a.baseDb, a.organizationId, cfg.type);
    if (env.timings) env.timings.validateLookupsMs = Math.round(performance.now() - t0);
    const t1 = performance.now();
    const proc = new RowProcessor(cfg, lookups, existing);
    const stats: Required<Pick<ImportStats, "rows" | "toCreate" | "toUpdate" | "toSkip" | "errorRows" | "duplicatesInFile" | "duplicatesExisting" | "errorsByColumn" | "duplicateSample">> = {
      rows: 0, toCreate: 0, toUpdate: 0, toSkip: 0, errorRows: 0, duplicatesInFile: 0, duplicatesExisting: 0, errorsByColumn: {}, duplicateSample: [],
    };
    let errorCount = 0;
    const errorSample: RowError[] = [];
    await write(csvLine(REPORT_HEADER));
    for await (const { row, cells } of readCsv(filePath, { delimiter, signal: live.controller.signal, onBytes: (b) => (live.processedBytes = b) })) {
      if (row === 1) continue;
      stats.rows++;
      const o = proc.process(row, cells);
      if (o.kind === "error") {
        stats.errorRows++;
        for (const e of o.errors) {
          errorCount++;
          if (errorSample.length < ERROR_SAMPLE_SIZE) errorSample.push(e);
          stats.errorsByColumn[e.column] = (stats.errorsByColumn[e.column] ?? 0) + 1;
          await write(csvLine([e.row, e.column, e.value, e.reason, "error"]));
        }
      } else if (o.kind === "skip") {
        stats.toSkip++;
        if (o.duplicateOf.startsWith("row ")) stats.duplicatesInFile++;
        else stats.duplicatesExisting++;
        if (stats.duplicateSample.length < 50) stats.duplicateSample.push({ row, duplicateOf: o.duplicateOf });
        await write(csvLine([row, "", "", `duplicate of ${o.duplicateOf}: skipped`, "duplicate"]));
      } else if (o.kind === "update") {
        stats.toUpdate++;
        stats.duplicatesExisting++;
        await write(csvLine([row, "", "", `duplicate of existing ${def.label.toLowerCase()} ${o.target}: will be updated`, "duplicate"]));
      } else stats.toCreate++;
      live.processedRows = stats.rows;
      if ((stats.rows & 1023) === 0) progress();
    }
    if (env.timings) env.timings.validateRowsMs = Math.round(performance.now() - t1);
    if (stats.rows === 0) throw new ImportFileError("The file has a header row but no data rows.");
    out.end();
    await finished(out);
    await progress.settle();
    await finishJob(a, jobId, {
      status: "VALIDATED", totalRows: stats.rows, processedRows: stats.rows, processedBytes: BigInt(live.processedBytes), errorCount, errorSample: errorSample as never, stats,
      message: errorCount ? `${errorCount} errors in ${stats.errorRows} rows: fix them in the file and upload it again.` : null,
    });
  } catch (e) {
    out.destroy();
    await progress.settle();
    await finishJob(a, jobId, failure(e));
  }
}

export async function commitPass(env: ImportEnv, a: ImportActor, jobId: string, filePath: string, delimiter: string, cfg: JobConfig, fileName: string, validated: ImportStats, live: Live) {
  const progress = progressWriter(a, jobId, live);
  try {
    const def = typeDef(cfg.type);
    const mapped = Object.values(cfg.mapping).flatMap((k) => def.fields.filter((fd) => fd.key === k));
    const t0 = performance.now();
    const lookups = await loadLookups(a.baseDb, a.organizationId, cfg.type, mapped);
    const existing = await loadExistingKeys(a.baseDb, a.organizationId, cfg.type);
    if (env.timings) env.timings.commitLookupsMs = Math.round(performance.now() - t0);
    const proc = new RowProcessor(cfg, lookups, existing, validated.rows ?? 0);
    // nothing to update: the rows can go straight into the table (a row that now turns out to be an update
    // means the data changed since validation, like a row that no longer validates)
    const direct = !validated.toUpdate;
    let skipped = 0;
    let rows = 0;
    await inStagingTransaction(
      env, def, jobId, { direct, organizationId: a.organizationId },
      async (add) => {
        for await (const { row, cells } of readCsv(filePath, { delimiter, signal: live.controller.signal, onBytes: (b) => (live.processedBytes = b) })) {
          if (row === 1) continue;
          rows++;
          const o = proc.process(row, cells);
          let wait: Promise<void> | void = undefined;
          if (o.kind === "create") wait = add(row, null, o.values);
          else if (o.kind === "skip") skipped++;
          else if (o.kind === "update" && !direct) wait = add(row, o.target, o.values);
          else {
            const reason = o.kind === "error" ? `Row ${o.errors[0]!.row}, column ${o.errors[0]!.column}: ${o.errors[0]!.reason}` : `Row ${row} is now a duplicate of an existing record`;
            throw new UserError(`${reason}. The data changed since validation; validate again.`);
          }
          if (wait) await wait;
          live.processedRows = rows;
          if ((rows & 1023) === 0) progress();
        }
        if (live.controller.signal.aborted) throw new Cancelled();
        await progress.settle();
      },
      async (exec, staged, query) => {
        if (live.controller.signal.aborted) throw new Cancelled();
        const created = staged.direct ? staged.copied : await exec(insertSql(def, staged.stage), [a.organizationId]);
        const updated = staged.direct ? 0 : await exec(updateSql(def, staged.stage), [a.organizationId]);
        // imported leads get their score from the scoring model (one UPDATE over the organization's leads, which
        // writes only the scores that changed: the new and updated leads)
        if (cfg.type === "lead") await rescoreAllLeads({ $queryRawUnsafe: <T,>(sql: string, ...p: unknown[]) => query(sql, p) as Promise<T> }, a.organizationId);
        const counts = { created, updated, skipped };
        await auditImport(exec, a.organizationId, a.userId, jobId, { type: cfg.type, file: fileName, rows, ...counts });
        const stats = { ...validated, ...counts };
        await exec(
          `UPDATE "ImportJob" SET "status" = 'DONE', "processedRows" = $3, "stats" = $4::jsonb, "message" = $5, "finishedAt" = now(), "updatedAt" = now()
           WHERE "id" = $2::uuid AND "organizationId" = $1::uuid`,
          [a.organizationId, jobId, rows, JSON.stringify(stats), `Imported: ${created} created, ${updated} updated, ${skipped} skipped.`],
        );
      },
    );
  } catch (e) {
    await progress.settle();
    await finishJob(a, jobId, failure(e));
  }
}
