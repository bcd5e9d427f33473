import { UserError } from "@/server/errors";
import { SCORE_MAX } from "./model";
import { isUuid } from "@/server/uuid";

// THE one place lead scores are computed: a single UPDATE that computes every selected lead's score from the
// organization's weights (rules in model.ts) and writes only the scores that changed. Called when a lead is
// created or edited (records service), after a lead import, and for all leads when the model changes.

/** Anything that runs raw SQL: the Prisma client, a tenant client or an interactive transaction. */
export type SqlRunner = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };

export type ScoreChange = { id: string; before: number; after: number };

// the band labels must match COMPANY_SIZE_BANDS in model.ts
const COMPANY_SIZE_SQL = `CASE WHEN l.employees IS NULL OR l.employees < 1 THEN NULL
  WHEN l.employees <= 10 THEN '1-10' WHEN l.employees <= 50 THEN '11-50' WHEN l.employees <= 200 THEN '51-200'
  WHEN l.employees <= 1000 THEN '201-1000' ELSE '1001+' END`;

// points of one weight row `w` for the lead `l` (demographic: match or 0; behaviour: points x count, capped)
const WEIGHT_POINTS_SQL = `CASE w.attribute
  WHEN 'industry'     THEN CASE WHEN lower(l.industry) = w.value THEN w.points ELSE 0 END
  WHEN 'companySize'  THEN CASE WHEN ${COMPANY_SIZE_SQL} = w.value THEN w.points ELSE 0 END
  WHEN 'titleKeyword' THEN CASE WHEN strpos(lower(l.title), w.value) > 0 THEN w.points ELSE 0 END
  WHEN 'incomeBand'   THEN CASE WHEN lower(l."incomeBand") = w.value THEN w.points ELSE 0 END
  ELSE LEAST(COALESCE(w."maxPoints", 'Infinity'::float8), w.points * CASE w.attribute
    WHEN 'websiteVisits' THEN l."websiteVisits" WHEN 'formSubmits' THEN l."formSubmits" WHEN 'downloads' THEN l.downloads
    WHEN 'emailOpens' THEN l."emailOpens" WHEN 'emailReplies' THEN l."emailReplies"
    WHEN 'pastPurchases' THEN (SELECT count(*) FROM "Purchase" p
      WHERE p."organizationId" = l."organizationId" AND p."accountId" = l."accountId" AND p."deletedAt" IS NULL)
    ELSE 0 END)
  END`;

/** The score expression of lead `l` (also used by tests to read what a score should be). */
export const SCORE_SQL = `LEAST(${SCORE_MAX}, GREATEST(0, round(COALESCE(
  (SELECT sum(${WEIGHT_POINTS_SQL}) FROM "LeadScoreWeight" w WHERE w."organizationId" = l."organizationId"), 0))))::int`;

/**
 * Recomputes the scores of one organization's leads — the given ids, or "all" — in one UPDATE, and returns the
 * leads whose score changed with the old and new score (an automation "score changed" trigger reads this).
 * Deleted leads are included (a restored lead has a current score). Unknown ids are ignored.
 */
export async function recomputeLeadScores(tx: SqlRunner, organizationId: string, leadIds: readonly string[] | "all"): Promise<ScoreChange[]> {
  const params: unknown[] = [organizationId];
  let only = "";
  if (leadIds !== "all") {
    if (leadIds.length === 0) return [];
    if (!leadIds.every(isUuid)) throw new UserError("leadIds: must be lead ids.");
    params.push(leadIds.join(","));
    only = ` AND l.id = ANY(string_to_array($2, ',')::uuid[])`;
  }
  const rows = await tx.$queryRawUnsafe<{ id: string; before: number; after: number }[]>(`${rescoreSql(only)} RETURNING t.id, c.before, c.after`, ...params);
  return rows.map((r) => ({ id: String(r.id), before: Number(r.before), after: Number(r.after) })).sort((a, b) => a.id.localeCompare(b.id));
}

const rescoreSql = (only: string) => `WITH computed AS (
     SELECT l.id, l.score AS before, ${SCORE_SQL} AS after
     FROM "Lead" l WHERE l."organizationId" = $1::uuid${only}
   )
   UPDATE "Lead" t SET score = c.after FROM computed c
   WHERE t.id = c.id AND t."organizationId" = $1::uuid AND t.score <> c.after`;

/**
 * Recomputes every lead's score of the organization and returns only how many changed — for a bulk import, where
 * the list of changes could hold a million rows and no automation rule listens (imports fire no rules).
 */
export async function rescoreAllLeads(tx: SqlRunner, organizationId: string): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ n: number }[]>(`WITH u AS (${rescoreSql("")} RETURNING 1) SELECT count(*)::int AS n FROM u`, organizationId);
  return Number(row?.n ?? 0);
}

/**
 * Recomputes the scores of the leads of some accounts (a purchase of theirs was added, changed, deleted or
 * restored: "past purchases" counts them) and returns the changes, like recomputeLeadScores.
 */
export async function recomputeAccountLeadScores(tx: SqlRunner, organizationId: string, accountIds: readonly (string | null | undefined)[]): Promise<ScoreChange[]> {
  const ids = [...new Set(accountIds.filter((id): id is string => typeof id === "string" && isUuid(id)))];
  if (ids.length === 0) return [];
  const rows = await tx.$queryRawUnsafe<{ id: string; before: number; after: number }[]>(
    `${rescoreSql(` AND l."accountId" = ANY(string_to_array($2, ',')::uuid[])`)} RETURNING t.id, c.before, c.after`,
    organizationId, ids.join(","),
  );
  return rows.map((r) => ({ id: String(r.id), before: Number(r.before), after: Number(r.after) })).sort((a, b) => a.id.localeCompare(b.id));
}
