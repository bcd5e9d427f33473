// The generic record operations, driven by a RecordDefinition: list (search, filters, sort, page), get
// (with its history), create, update, soft-delete and restore. Every mutation writes its AuditLog row in
// the same transaction. Access: the tenant client pins the organization; scopeWhere narrows to the rows
// the role may see (a row outside it is "not found", by id too); typeAllowed refuses the type itself.
import type { PrismaClient } from "@/generated/prisma/client";
import type { TenantDb } from "@/server/db/tenant";
import type { Role } from "@/server/auth/permissions";
import { diffChanges, recordAudit } from "@/server/audit/record";
import { ForbiddenError, NotFoundError, UserError } from "@/server/errors";
import { canRestore, rowInScope, scopeWhere, typeAllowed } from "./access";
import { fieldOf, filterFields, sortableFields, writableFields, type RecordDefinition, type RecordType } from "./definition";
import type { FieldDef, RefTarget } from "./fields";
import { definitionOf } from "./registry";
import type { ListInput, ListQuery } from "./list-params";
import { labelsOf, labelsOfMany } from "./refs";
import { fireAutomation, fireScoreChanges, type AutomationDb, type AutomationEventName } from "@/server/automation/fire";
import { recomputeAccountLeadScores, recomputeLeadScores } from "@/server/scoring/recompute";
import { retryOnConflict } from "@/server/db/retry";
import { isUuid } from "@/server/uuid";

export type RecordCtx = { db: TenantDb; baseDb: PrismaClient; organizationId: string; userId: string; role: Role };

type Row = Record<string, unknown> & { id: string };
type Delegate = {
  findMany(args: object): Promise<Row[]>;
  findFirst(args: object): Promise<Row | null>;
  count(args: object): Promise<number>;
  create(args: object): Promise<Row>;
  update(args: object): Promise<Row>;
};
type Tx = Record<string, Delegate> & { dealStageChange: Delegate } & Parameters<typeof recordAudit>[0];

function delegate(db: unknown, def: RecordDefinition): Delegate {
  return (db as Record<string, Delegate>)[def.model]!;
}

/** The definition of a type the caller may open (403 otherwise). */
export function allowedDefinition(ctx: RecordCtx, type: RecordType): RecordDefinition {
  const def = definitionOf(type);
  if (!typeAllowed(ctx.role, def)) throw new ForbiddenError(`Your role does not give access to ${def.plural.toLowerCase()}.`);
  return def;
}

function selectOf(def: RecordDefinition) {
  return Object.fromEntries([["id", true], ["deletedAt", true], ...def.fields.map((f) => [f.key, true])]);
}

/** `%`, `_` and `\` typed in the search box are literal characters, not LIKE wildcards. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const startOfDay = (s: string) => new Date(`${s}T00:00:00Z`);
const nextDay = (s: string) => new Date(startOfDay(s).getTime() + 86_400_000);

/** The Prisma where of a list query; unknown filters and values are a UserError naming them. */
export function listWhere(ctx: RecordCtx, def: RecordDefinition, q: ListQuery): Record<string, unknown> {
  if (q.deleted && !canRestore(ctx.role, def)) throw new ForbiddenError("Only managers can see deleted records.");
  const and: Record<string, unknown>[] = [scopeWhere(ctx, def), { deletedAt: q.deleted ? { not: null } : null }];
  if (q.q) {
    const term = { contains: escapeLike(q.q), mode: "insensitive" };
    and.push({ OR: def.searchFields.map((f) => ({ [f]: term })) });
  }
  const allowed = filterFields(def);
  for (const [key, value] of Object.entries(q.filters ?? {})) {
    const f = allowed.find((x) => x.key === key);
    if (!f) throw new UserError(`${key}: ${def.plural} cannot be filtered by "${key}".`);
    and.push({ [key]: filterValue(ctx, f, value) });
  }
  if (q.from && q.to && q.to < q.from) throw new UserError("to: the end date is before the start date.");
  if (q.from || q.to) {
    and.push({ [def.dateField]: { ...(q.from ? { gte: startOfDay(q.from) } : {}), ...(q.to ? { lt: nextDay(q.to) } : {}) } });
  }
  return { AND: and };
}

function filterValue(ctx: RecordCtx, f: FieldDef, value: string): unknown {
  if (value === "none" && !f.required) return null;
  if (f.kind === "enum") {
    if (!f.options!.includes(value)) throw new UserError(`${f.key}: ${f.label} must be one of ${f.options!.join(", ")}.`);
    return value;
  }
  if (f.kind === "bool") {
    if (value !== "true" && value !== "false") throw new UserError(`${f.key}: ${f.label} must be true or false.`);
    return value === "true";
  }
  if (f.kind === "ref") {
    if (value === "me" && f.ref === "user") return ctx.userId;
    if (!isUuid(value)) throw new UserError(`${f.key}: ${f.label} must be chosen from the list.`);
    return value;
  }
  throw new UserError(`${f.key}: cannot filter by ${f.label}.`);
}

export function listOrderBy(def: RecordDefinition, q: ListQuery): Record<string, "asc" | "desc">[] {
  if (q.sort && !sortableFields(def).includes(q.sort)) throw new UserError(`sort: ${def.plural} cannot be sorted by "${q.sort}".`);
  // an empty sort (e.g. "?sort=" or a cleared select) is the default order, not a column named "" (was a 500)
  const field = q.sort || def.defaultSort.field;
  const dir = q.dir ?? (q.sort ? "asc" : def.defaultSort.dir);
  return [{ [field]: dir }, { id: "asc" }];
}

/** A row as the client sees it: plain values (money as numbers) and the names of referenced records. */
export type RecordRow = { id: string; deletedAt: Date | null; values: Record<string, unknown>; labels: Record<string, string | null> };

async function present(ctx: RecordCtx, def: RecordDefinition, rows: Row[]): Promise<RecordRow[]> {
  const refFields = def.fields.filter((f) => f.kind === "ref");
  const wanted = new Map<RefTarget, string[]>();
  for (const target of new Set(refFields.map((f) => f.ref!))) {
    wanted.set(target, refFields.filter((f) => f.ref === target).flatMap((f) => rows.map((r) => r[f.key]).filter((v): v is string => typeof v === "string")));
  }
  const byTarget = await labelsOfMany(ctx, wanted);
  return rows.map((r) => {
    const values: Record<string, unknown> = {};
    for (const f of def.fields) values[f.key] = f.kind === "money" && r[f.key] != null ? Number(r[f.key]) : r[f.key];
    const labels: Record<string, string | null> = {};
    for (const f of refFields) labels[f.key] = typeof r[f.key] === "string" ? (byTarget.get(f.ref!)?.get(r[f.key] as string) ?? null) : null;
    return { id: r.id, deletedAt: (r.deletedAt as Date | null) ?? null, values, labels };
  });
}

/**
 * Lists count their rows up to this many (or to the page asked for): counting a million tickets exactly took
 * ~100 ms per page view; past it the list says "1,000+" and pages on (as Salesforce's list views say "2000+").
 * It was 10,000: counting a rep's 10,000 deals was a tenth of the database's time under load (bench/load.ts).
 */
export const LIST_COUNT_CAP = 1_000;

export async function listRecords(ctx: RecordCtx, input: ListInput) {
  const def = allowedDefinition(ctx, input.type);
  const where = listWhere(ctx, def, input);
  const orderBy = listOrderBy(def, input);
  const d = delegate(ctx.db, def);
  const cap = Math.max(LIST_COUNT_CAP, input.page * input.pageSize);
  const [rows, counted] = await Promise.all([
    d.findMany({ where, orderBy, select: selectOf(def), skip: (input.page - 1) * input.pageSize, take: input.pageSize }),
    // COUNT(*) over at most cap + 1 rows: one more than the cap says there are more
    d.count({ where, take: cap + 1 }),
  ]);
  const capped = counted > cap;
  const total = capped ? cap : counted;
  return { rows: await present(ctx, def, rows), total, capped, page: input.page, pageSize: input.pageSize, canRestore: canRestore(ctx.role, def) };
}

/** Every row of a filtered list, in pages of `batch` (the CSV export streams them). */
export async function* allRecords(ctx: RecordCtx, type: RecordType, q: ListQuery, batch = 1000): AsyncGenerator<RecordRow[]> {
  const def = allowedDefinition(ctx, type);
  const where = listWhere(ctx, def, q);
  const orderBy = listOrderBy(def, q);
  const d = delegate(ctx.db, def);
  for (let skip = 0; ; skip += batch) {
    const rows = await d.findMany({ where, orderBy, select: selectOf(def), skip, take: batch });
    if (rows.length) yield await present(ctx, def, rows);
    if (rows.length < batch) return;
  }
}

/** One row the caller may see, or 404 (another user's, another family's or another organization's). */
async function findInScope(ctx: RecordCtx, def: RecordDefinition, id: string, opts: { includeDeleted: boolean }): Promise<Row> {
  const where = { AND: [{ id }, scopeWhere(ctx, def), opts.includeDeleted ? {} : { deletedAt: null }] };
  const row = await delegate(ctx.db, def).findFirst({ where, select: selectOf(def) });
  if (!row) throw new NotFoundError(`No such ${def.label.toLowerCase()}.`);
  // money as numbers, so the audit log's old values read like the new ones
  for (const f of def.fields) if (f.kind === "money" && row[f.key] != null) row[f.key] = Number(row[f.key]);
  return row;
}

export async function getRecord(ctx: RecordCtx, input: { type: RecordType; id: string }) {
  const def = allowedDefinition(ctx, input.type);
  const row = await findInScope(ctx, def, input.id, { includeDeleted: canRestore(ctx.role, def) });
  const [record] = await present(ctx, def, [row]);
  const history = await recordHistory(ctx, def.entityType, input.id);
  return { record: record!, history, historyLabels: await historyLabels(ctx, def, history), canRestore: canRestore(ctx.role, def) };
}

/** Names of the records that linked fields pointed to in the history (id -> name), in one query. */
async function historyLabels(ctx: RecordCtx, def: RecordDefinition, history: { changes: unknown }[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const idsByTarget = new Map<RefTarget, string[]>();
  for (const h of history) {
    for (const [key, change] of Object.entries((h.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>)) {
      const f = fieldOf(def, key);
      if (f?.kind !== "ref") continue;
      const ids = idsByTarget.get(f.ref!) ?? [];
      for (const v of [change?.from, change?.to]) if (typeof v === "string") ids.push(v);
      idsByTarget.set(f.ref!, ids);
    }
  }
  for (const names of (await labelsOfMany(ctx, idsByTarget)).values()) for (const [id, label] of names) out[id] = label;
  return out;
}

/** The record's audit rows, newest first, with who did it. */
async function recordHistory(ctx: RecordCtx, entityType: string, id: string) {
  const rows = await ctx.db.auditLog.findMany({
    where: { entityType, entityId: id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: { id: true, action: true, actorId: true, changes: true, createdAt: true },
  });
  const actors = await labelsOf(ctx, "user", rows.map((r) => r.actorId).filter((v): v is string => !!v));
  return rows.map((r) => ({ ...r, actorName: r.actorId ? (actors.get(r.actorId) ?? "Former member") : "System" }));
}

/** Validates form data against the type's fields; the first problems become one UserError naming the fields. */
export function parseData(def: RecordDefinition, data: Record<string, unknown>, mode: "create" | "update"): Record<string, unknown> {
  const writable = writableFields(def);
  const problems: string[] = [];
  for (const key of Object.keys(data)) {
    if (writable.some((f) => f.key === key)) continue;
    const f = fieldOf(def, key);
    problems.push(f ? `${key}: ${f.label} cannot be changed here.` : `${key}: ${def.plural} have no field "${key}".`);
  }
  const out: Record<string, unknown> = {};
  for (const f of writable) {
    const present = Object.prototype.hasOwnProperty.call(data, f.key);
    if (mode === "update" && !present) continue;
    const value = present ? data[f.key] : undefined;
    if (f.required && (value === undefined || value === null || (typeof value === "string" && value.trim() === ""))) {
      problems.push(`${f.key}: ${f.label} is required.`);
      continue;
    }
    const r = f.schema!.safeParse(value);
    if (!r.success) {
      problems.push(`${f.key}: ${r.error.issues[0]?.message ?? `${f.label} is not valid.`}`);
      continue;
    }
    if (r.data !== undefined) out[f.key] = r.data;
  }
  if (problems.length) throw new UserError(problems.join("; "));
  return out;
}

/** Each reference set in `data` must exist in the organization (active members for users). */
async function checkRefs(ctx: RecordCtx, def: RecordDefinition, data: Record<string, unknown>) {
  const problems: string[] = [];
  for (const f of def.fields) {
    const id = data[f.key];
    if (f.kind !== "ref" || typeof id !== "string") continue;
    const found = await labelsOf(ctx, f.ref!, [id], { liveOnly: true });
    if (!found.has(id)) problems.push(`${f.key}: no such ${f.ref === "user" ? "member" : f.ref} in this organization.`);
  }
  if (problems.length) throw new UserError(problems.join("; "));
}

async function checkUnique(ctx: RecordCtx, def: RecordDefinition, data: Record<string, unknown>, id: string | null) {
  // campaign names are unique per organization (deleted ones included: the database keeps the name)
  if (def.type !== "campaigns" || typeof data.name !== "string") return;
  const clash = await ctx.db.campaign.findFirst({ where: { name: data.name, ...(id ? { id: { not: id } } : {}) }, select: { deletedAt: true } });
  if (clash) throw new UserError(`name: a campaign named "${data.name}" already exists${clash.deletedAt ? " (deleted; a manager can restore it)" : ""}.`);
}

function checkRow(ctx: RecordCtx, def: RecordDefinition, row: Record<string, unknown>) {
  const problem = def.check?.(row) ?? rowInScope(ctx, def, row);
  if (problem) throw new UserError(problem);
}

export async function createRecord(ctx: RecordCtx, input: { type: RecordType; data: Record<string, unknown> }) {
  const def = allowedDefinition(ctx, input.type);
  const now = new Date();
  const data = parseData(def, input.data, "create");
  // the owner defaults to the person creating the record
  if (def.ownerField && data[def.ownerField] === undefined) data[def.ownerField] = ctx.userId;
  Object.assign(data, def.derive?.(data, null, now) ?? {});
  checkRow(ctx, def, data);
  await checkRefs(ctx, def, data);
  await checkUnique(ctx, def, data, null);
  if (def.type === "deals") Object.assign(data, await newDealStage(ctx), { openedAt: now });

  return retryOnConflict(() =>
    ctx.db.$transaction(async (t) => {
      const tx = t as unknown as Tx;
      const row = await delegate(tx, def).create({ data, select: { id: true } });
      // a new deal enters its first stage: the first row of its stage history (cycle and days-in-stage KPIs)
      if (def.type === "deals") {
        await tx.dealStageChange.create({ data: { dealId: row.id, fromStageId: null, toStageId: data.stageId, changedAt: now, changedById: ctx.userId } });
      }
      // a lead's score comes from the scoring model, computed in SQL in the same transaction
      if (def.type === "leads") for (const r of await recomputeLeadScores(t, ctx.organizationId, [row.id])) data.score = r.after;
      await recordAudit(tx, { actorId: ctx.userId, action: "create", entityType: def.entityType, entityId: row.id, changes: diffChanges({}, data) });
      await fireRecordEvents(tx, ctx, def.type, row.id, [{ event: "created" }], now);
      await rescorePurchaseAccounts(t, ctx, def.type, [data.accountId], now);
      return { id: row.id };
    })
  );
}

/** Automation rules on deals and leads run in the transaction of the change (src/server/automation/fire.ts). */
async function fireRecordEvents(tx: unknown, ctx: RecordCtx, type: RecordType, id: string, events: { event: AutomationEventName; changeKey?: string }[], now: Date) {
  if (type !== "deals" && type !== "leads") return;
  for (const e of events) {
    await fireAutomation(tx as AutomationDb, { organizationId: ctx.organizationId, entity: type === "deals" ? "deal" : "lead", id, actorId: ctx.userId, now, ...e });
  }
}

/**
 * A purchase counts in "past purchases" of its account's leads: adding, moving, deleting or restoring one rescores
 * those leads (and fires "score changed" rules), in the same transaction.
 */
async function rescorePurchaseAccounts(tx: unknown, ctx: RecordCtx, type: RecordType, accountIds: unknown[], now: Date) {
  if (type !== "purchases") return;
  const ids = accountIds.filter((id): id is string => typeof id === "string");
  const changed = await recomputeAccountLeadScores(tx as Parameters<typeof recomputeAccountLeadScores>[0], ctx.organizationId, ids);
  await fireScoreChanges(tx as AutomationDb, ctx.organizationId, changed, ctx.userId, now);
}

async function newDealStage(ctx: RecordCtx) {
  const stage = await ctx.db.pipelineStage.findFirst({ where: { kind: "OPEN" }, orderBy: { position: "asc" }, select: { id: true } });
  if (!stage) throw new UserError("stageId: the pipeline has no open stage; ask your CRM manager to set up the pipeline.");
  return { stageId: stage.id, status: "OPEN" };
}

export async function updateRecord(ctx: RecordCtx, input: { type: RecordType; id: string; data: Record<string, unknown> }) {
  const def = allowedDefinition(ctx, input.type);
  const before = await findInScope(ctx, def, input.id, { includeDeleted: false });
  const now = new Date();
  const data = parseData(def, input.data, "update");
  Object.assign(data, def.derive?.(data, before, now) ?? {});
  checkRow(ctx, def, { ...before, ...data });
  const changes = diffChanges(before, data);
  if (Object.keys(changes).length === 0) return { id: before.id, changed: false };
  const changed = Object.fromEntries(Object.keys(changes).map((k) => [k, data[k]]));
  await checkRefs(ctx, def, changed);
  await checkUnique(ctx, def, changed, before.id);

  return retryOnConflict(() =>
    ctx.db.$transaction(async (t) => {
      const tx = t as unknown as Tx;
      await delegate(tx, def).update({ where: { id: before.id }, data: changed, select: { id: true } });
      if (def.type === "leads") {
        const rescored = await recomputeLeadScores(t, ctx.organizationId, [before.id]);
        for (const r of rescored) changes.score = { from: r.before, to: r.after };
      }
      await recordAudit(tx, { actorId: ctx.userId, action: "update", entityType: def.entityType, entityId: before.id, changes });
      // the changes automation rules listen to: a deal's amount, a lead's status (its "stage") and score
      const at = now.toISOString();
      await fireRecordEvents(tx, ctx, def.type, before.id, [
        ...(def.type === "deals" && changes.amount ? [{ event: "valueChanged" as const, changeKey: `${String(changes.amount.to)}@${at}` }] : []),
        ...(def.type === "leads" && changes.status ? [{ event: "stageChanged" as const, changeKey: `${String(changes.status.to)}@${at}` }] : []),
        ...(def.type === "leads" && changes.score ? [{ event: "scoreChanged" as const, changeKey: `${String(changes.score.to)}@${at}` }] : []),
      ], now);
      if (changes.accountId || changes.purchasedAt || changes.deletedAt) await rescorePurchaseAccounts(t, ctx, def.type, [before.accountId, data.accountId], now);
      return { id: before.id, changed: true };
    })
  );
}

/** Soft delete: the row is hidden from lists and KPIs, kept for restore and history. Deleting twice is a no-op. */
export async function deleteRecord(ctx: RecordCtx, input: { type: RecordType; id: string }) {
  const def = allowedDefinition(ctx, input.type);
  const row = await findInScope(ctx, def, input.id, { includeDeleted: true });
  if (row.deletedAt) return { id: row.id, deletedAt: row.deletedAt as Date };
  const deletedAt = new Date();
  return retryOnConflict(() =>
    ctx.db.$transaction(async (t) => {
      const tx = t as unknown as Tx;
      await delegate(tx, def).update({ where: { id: row.id }, data: { deletedAt }, select: { id: true } });
      await recordAudit(tx, { actorId: ctx.userId, action: "delete", entityType: def.entityType, entityId: row.id, changes: { deletedAt: { from: null, to: deletedAt } } });
      await rescorePurchaseAccounts(t, ctx, def.type, [row.accountId], deletedAt);
      return { id: row.id, deletedAt };
    })
  );
}

/** Managers bring a deleted row back. Restoring a live row is a no-op. */
export async function restoreRecord(ctx: RecordCtx, input: { type: RecordType; id: string }) {
  const def = allowedDefinition(ctx, input.type);
  if (!canRestore(ctx.role, def)) throw new ForbiddenError("Only managers can restore deleted records.");
  const row = await findInScope(ctx, def, input.id, { includeDeleted: true });
  if (!row.deletedAt) return { id: row.id, restored: false };
  return retryOnConflict(() =>
    ctx.db.$transaction(async (t) => {
      const tx = t as unknown as Tx;
      await delegate(tx, def).update({ where: { id: row.id }, data: { deletedAt: null }, select: { id: true } });
      await recordAudit(tx, { actorId: ctx.userId, action: "restore", entityType: def.entityType, entityId: row.id, changes: { deletedAt: { from: row.deletedAt, to: null } } });
      await rescorePurchaseAccounts(t, ctx, def.type, [row.accountId], new Date());
      return { id: row.id, restored: true };
    })
  );
}
