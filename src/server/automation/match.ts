// Which deals or leads a rule's conditions select, in SQL: one place for the meaning of every condition, used
// when a rule fires on one record, by the dry run over existing records and by the idle sweep.
import type { Condition, Entity } from "./rule-input";

export type RawDb = {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
};

/** A deal or lead in the uniform shape the conditions and actions read. */
export type MatchedRecord = {
  id: string;
  name: string;
  ownerId: string | null;
  /** the lead itself, or a deal's lead */
  leadId: string | null;
  value: number | null;
  score: number | null;
  source: string | null;
  /** a deal's stage id or a lead's status */
  stage: string;
  stageName: string;
  /** latest change or activity, as an ISO string computed in SQL (the idle event's key) */
  lastTouch: string;
};

/** Positional parameters for a raw statement ($1, $2, ...). */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

// Deals and leads as rows with the same columns. The last touch is the latest of the record's own change, its
// activities (created or done) and, for deals, its stage moves: "idle" means none of these for N days.
function recordsSql(entity: Entity, org: string): string {
  if (entity === "DEAL") {
    return `SELECT d.id, d.name, d."ownerId", d."leadId", d.amount::float8 AS value, NULL::int AS score, l.source,
        d."stageId"::text AS stage, st.name AS "stageName", (d.status = 'OPEN') AS "isOpen",
        GREATEST(d."updatedAt",
          (SELECT max(GREATEST(a."createdAt", a."doneAt")) FROM "Activity" a WHERE a."organizationId" = d."organizationId" AND a."dealId" = d.id AND a."deletedAt" IS NULL),
          (SELECT max(c."changedAt") FROM "DealStageChange" c WHERE c."dealId" = d.id)) AS "lastTouchAt"
      FROM "Deal" d
      JOIN "PipelineStage" st ON st.id = d."stageId"
      LEFT JOIN "Lead" l ON l.id = d."leadId" AND l."deletedAt" IS NULL
      WHERE d."organizationId" = ${org}::uuid AND d."deletedAt" IS NULL`;
  }
  return `SELECT l.id, trim(l."firstName" || ' ' || l."lastName") AS name, l."ownerId", l.id AS "leadId", NULL::float8 AS value, l.score, l.source,
      l.status::text AS stage, l.status::text AS "stageName", (l.status NOT IN ('CONVERTED', 'LOST')) AS "isOpen",
      GREATEST(l."updatedAt",
        (SELECT max(GREATEST(a."createdAt", a."doneAt")) FROM "Activity" a WHERE a."organizationId" = l."organizationId" AND a."leadId" = l.id AND a."deletedAt" IS NULL)) AS "lastTouchAt"
    FROM "Lead" l
    WHERE l."organizationId" = ${org}::uuid AND l."deletedAt" IS NULL`;
}

/** One condition as a SQL predicate on the uniform row `r`. */
function conditionSql(c: Condition, p: Params): string {
  switch (c.field) {
    case "value":
      return `r.value ${c.op === "gt" ? ">" : "<"} ${p.add(c.value)}::float8`;
    case "score":
      return `r.score ${c.op === "gt" ? ">" : "<"} ${p.add(c.value)}::int`;
    case "source": {
      // sources are typed by people ("Web", "web "): compared trimmed and case-insensitively
      const same = `lower(trim(r.source)) = lower(trim(${p.add(c.value)}))`;
      return c.op === "is" ? same : `(r.source IS NULL OR NOT (${same}))`;
    }
    case "stage":
      return c.op === "is" ? `r.stage = ${p.add(c.value)}` : `r.stage <> ${p.add(c.value)}`;
    case "owner":
      if (c.value === "none") return c.op === "is" ? `r."ownerId" IS NULL` : `r."ownerId" IS NOT NULL`;
      return c.op === "is" ? `r."ownerId" = ${p.add(c.value)}::uuid` : `(r."ownerId" IS NULL OR r."ownerId" <> ${p.add(c.value)}::uuid)`;
  }
}

export type MatchQuery = {
  organizationId: string;
  entity: Entity;
  conditions: Condition[];
  /** only this record */
  recordId?: string;
  /** only open records whose last touch is before this instant (idle rules) */
  idleBefore?: Date;
  /** leave out records this rule already fired on for their current idle period */
  notFiredByRule?: string;
  limit?: number;
};

/** The records matching every condition (AND), oldest last touch first. */
export async function findMatches(db: RawDb, q: MatchQuery): Promise<MatchedRecord[]> {
  const { sql, values } = matchSql(q, "rows");
  return db.$queryRawUnsafe<MatchedRecord[]>(sql, ...values);
}

/** How many records match (the dry run's total; counted in SQL). */
export async function countMatches(db: RawDb, q: MatchQuery): Promise<number> {
  const { sql, values } = matchSql(q, "count");
  const rows = await db.$queryRawUnsafe<{ n: number | bigint }[]>(sql, ...values);
  return Number(rows[0]?.n ?? 0);
}

function matchSql(q: MatchQuery, shape: "rows" | "count") {
  const p = new Params();
  const where = q.conditions.map((c) => conditionSql(c, p));
  const base = recordsSql(q.entity, p.add(q.organizationId));
  if (q.recordId) where.push(`r.id = ${p.add(q.recordId)}::uuid`);
  if (q.idleBefore) where.push(`r."isOpen"`, `r."lastTouchAt" < ${p.add(q.idleBefore)}::timestamp`);
  const touch = `to_char(r."lastTouchAt", ${ISO})`;
  if (q.notFiredByRule) {
    const key = `${p.add(`${q.entity.toLowerCase()}:`)} || r.id::text || ':idle:' || ${touch}`;
    where.push(`NOT EXISTS (SELECT 1 FROM "AutomationRun" x WHERE x."ruleId" = ${p.add(q.notFiredByRule)}::uuid AND x."eventKey" = ${key})`);
  }
  const filter = where.length ? `WHERE ${where.join(" AND ")}` : "";
  if (shape === "count") return { sql: `SELECT count(*) AS n FROM (${base}) r ${filter}`, values: p.values };
  const limit = q.limit ? ` LIMIT ${p.add(q.limit)}` : "";
  return {
    sql: `SELECT r.id::text AS id, r.name, r."ownerId"::text AS "ownerId", r."leadId"::text AS "leadId", r.value, r.score, r.source, r.stage, r."stageName",
        ${touch} AS "lastTouch"
      FROM (${base}) r ${filter} ORDER BY r."lastTouchAt" ASC, r.id ASC${limit}`,
    values: p.values,
  };
}
