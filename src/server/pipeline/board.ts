import { NotFoundError, UserError } from "@/server/errors";
import { tsParam } from "@/server/kpi/sql";
import { ownerScope, type Actor } from "./access";
import { isUuid } from "@/server/uuid";

// The pipeline board: one column per stage of the organization's pipeline, each with its totals (count and
// value, SQL aggregates over every deal in the column) and its first cards; "show more" pages through a column.
// Open stages hold the open deals; the won and lost columns hold the deals closed in the last CLOSED_DAYS days
// (they are drop targets to close a deal, not an archive).

export const CARDS_PER_STAGE = 20;
export const CLOSED_DAYS = 30;

export type DealCard = {
  id: string;
  name: string;
  amount: number;
  stageId: string;
  ownerId: string | null;
  ownerName: string | null;
  accountName: string | null;
  expectedCloseAt: Date | null;
  closedAt: Date | null;
  /** staff see only their own deals; a manager sees every card and may move it */
  updatedAt: Date;
};

type Filter = { ownerId?: string | null };

function since(now: Date) {
  return new Date(now.getTime() - CLOSED_DAYS * 86_400_000);
}

function checkOwner(ownerId: string | null | undefined) {
  if (ownerId && !isUuid(ownerId)) throw new UserError("ownerId: must be a user id.");
}

/**
 * The card queries' conditions as SQL ($1 organization, $2 closed-since, $3 owner when set); stageCards adds the
 * board's status rule (open, or closed since $2) per stage.
 */
function boardSql(a: Actor, f: Filter, now: Date): { where: string; params: unknown[] } {
  const owner = ownerScope(a, f.ownerId);
  const params: unknown[] = [a.organizationId, tsParam(since(now))];
  let where = `d."organizationId" = $1::uuid AND d."deletedAt" IS NULL`;
  if (owner) {
    params.push(owner);
    where += ` AND d."ownerId" = $${params.length}::uuid`;
  }
  return { where, params };
}

/**
 * The first `limit` cards of `stage` (an SQL expression) after `offset`: on the board are the open deals and those
 * closed since $2. Read as one branch per status, each in the order of the index (organizationId, status,
 * stageId, updatedAt), so a column costs about `offset + limit` index entries, not every deal in it.
 */
function stageCards(where: string, stage: string, offset: number, limit: number) {
  const take = offset + limit;
  const branch = (status: string, closed: string) =>
    `(SELECT d.* FROM "Deal" d WHERE ${where} AND d."stageId" = ${stage} AND d.status = '${status}'${closed} ORDER BY ${cardOrder("d")} LIMIT ${take})`;
  return `SELECT c.id, c.name, c.amount::float8 AS amount, c."stageId", c."ownerId", u.name AS "ownerName", acc.name AS "accountName",
      c."expectedCloseAt", c."closedAt", c."updatedAt"
    FROM (SELECT * FROM (${branch("OPEN", "")} UNION ALL ${branch("WON", ` AND d."closedAt" >= $2::timestamp`)} UNION ALL ${branch("LOST", ` AND d."closedAt" >= $2::timestamp`)}) d
          ORDER BY ${cardOrder("d")} OFFSET ${offset} LIMIT ${limit}) c
    LEFT JOIN "Account" acc ON acc.id = c."accountId" AND acc."organizationId" = c."organizationId" LEFT JOIN "User" u ON u.id = c."ownerId"`;
}
/** newest change first; the id (also descending, as the index reads) orders deals changed at the same instant */
const cardOrder = (alias: string) => `${alias}."updatedAt" DESC, ${alias}.id DESC`;

function toCard(r: Record<string, unknown>): DealCard {
  return {
    id: String(r.id), name: String(r.name), amount: Number(r.amount), stageId: String(r.stageId),
    ownerId: (r.ownerId as string | null) ?? null, ownerName: (r.ownerName as string | null) ?? null, accountName: (r.accountName as string | null) ?? null,
    expectedCloseAt: (r.expectedCloseAt as Date | null) ?? null, closedAt: (r.closedAt as Date | null) ?? null, updatedAt: r.updatedAt as Date,
  };
}

export async function getBoard(a: Actor, f: Filter = {}, now = new Date()) {
  checkOwner(f.ownerId);
  const { where, params } = boardSql(a, f, now);
  const [stages, totals, cards] = await Promise.all([
    a.db.pipelineStage.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true, kind: true, probability: true, position: true } }),
    // the totals of every column: open deals (from the partial index Deal_open_idx) and those closed since $2
    a.db.$queryRawUnsafe<{ stageId: string; count: number; value: number }[]>(
      `SELECT x."stageId", count(*)::int AS count, COALESCE(sum(x.amount), 0)::float8 AS value
         FROM (SELECT d."stageId", d.amount FROM "Deal" d WHERE ${where} AND d.status = 'OPEN'
               UNION ALL
               SELECT d."stageId", d.amount FROM "Deal" d WHERE ${where} AND d.status <> 'OPEN' AND d."closedAt" >= $2::timestamp) x
        GROUP BY 1`,
      ...params,
    ),
    // the first cards of every column in one statement
    a.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT x.* FROM "PipelineStage" s CROSS JOIN LATERAL (${stageCards(where, "s.id", 0, CARDS_PER_STAGE)}) x
        WHERE s."organizationId" = $1::uuid ORDER BY s.position, ${cardOrder("x")}`,
      ...params,
    ),
  ]);
  const byStage = new Map(totals.map((t) => [t.stageId, { count: t.count, value: t.value }]));
  const cardsByStage = new Map<string, DealCard[]>();
  for (const r of cards) {
    const c = toCard(r);
    cardsByStage.set(c.stageId, [...(cardsByStage.get(c.stageId) ?? []), c]);
  }
  return {
    closedDays: CLOSED_DAYS,
    perStage: CARDS_PER_STAGE,
    stages: stages.map((s) => ({ ...s, count: byStage.get(s.id)?.count ?? 0, value: byStage.get(s.id)?.value ?? 0, deals: cardsByStage.get(s.id) ?? [] })),
  };
}

/** The next cards of one column ("show more"). */
export async function getStageDeals(a: Actor, input: Filter & { stageId: string; offset: number; limit?: number }, now = new Date()) {
  checkOwner(input.ownerId);
  const stage = await a.db.pipelineStage.findFirst({ where: { id: input.stageId }, select: { id: true } });
  if (!stage) throw new NotFoundError("stageId: no such stage in this organization.");
  const { where, params } = boardSql(a, input, now);
  params.push(stage.id);
  const limit = Math.min(input.limit ?? CARDS_PER_STAGE, 100);
  const rows = await a.db.$queryRawUnsafe<Record<string, unknown>[]>(
    `${stageCards(where, `$${params.length}::uuid`, Math.max(0, Math.floor(input.offset)), limit)} ORDER BY ${cardOrder("c")}`,
    ...params,
  );
  return { stageId: stage.id, deals: rows.map(toCard) };
}
