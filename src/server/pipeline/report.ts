import { UserError } from "@/server/errors";
import { resolvePeriod, type PeriodInput } from "@/server/kpi/period";
import { rangeParams, toNumber, tsParam } from "@/server/kpi/sql";
import { ownerScope, type Actor } from "./access";
import { isUuid } from "@/server/uuid";

// The pipeline report (/pipeline/report). Every number is an SQL aggregate, one statement per series; the only
// JS is picking the bottleneck among the few stage rows. Definitions (README "Pipeline report" says the same):
//
// OPEN NOW (a snapshot at `now`, the open stages, the deals in scope: not deleted, status OPEN)
//   deals, value        count and sum(amount) of the open deals sitting in the stage
//   share               deals / all open deals x 100
//   avgDaysInStage      mean of (now - when the deal entered its current stage); entered = its last stage change
//                       into that stage, else its openedAt
//   followedUp          those deals with an activity on the deal (not deleted) created or done in the last
//                       FOLLOW_UP_DAYS days; followUpRate = followedUp / deals x 100
// FLOW IN THE PERIOD [start, end) (from the DealStageChange history)
//   entered             distinct deals with a stage change into the stage dated in the period; enteredValue = their amounts
//   avgDaysInStage      mean length of the stints in the stage that began in the period: from the change into the
//                       stage to the deal's next stage change, or to `now` while it is still there
//   advanced            of the deals that entered, those with a later change (at or after entering) into a stage
//                       further along: a higher position that is not a lost stage (skipping stages counts)
//   conversion          advanced / entered x 100 — "conversion from this stage to the next"
// BOTTLENECK: the open stage holding the largest share of the open deals now (ties: the longer average time in
//   the stage, then the earlier stage); none when nothing is open. It is shown with why: its share against the
//   next largest stage, how long its deals have sat there, and their follow-up rate; one click lists exactly
//   those deals (listStageDeals).

export const FOLLOW_UP_DAYS = 14;

type Scope = { ownerId?: string | null };

function scopeSql(a: Actor, f: Scope, params: unknown[], col = 'd."ownerId"'): string {
  const owner = ownerScope(a, f.ownerId);
  if (!owner) return "";
  params.push(owner);
  return ` AND ${col} = $${params.length}::uuid`;
}

export type OpenStageRow = {
  stageId: string; name: string; position: number; probability: number;
  deals: number; value: number; share: number | null; avgDaysInStage: number | null; followedUp: number; followUpRate: number | null;
};
export type FlowStageRow = { stageId: string; name: string; position: number; entered: number; enteredValue: number; avgDaysInStage: number | null; advanced: number; conversion: number | null };
export type Bottleneck = {
  stageId: string; name: string; deals: number; totalOpen: number; share: number; avgDaysInStage: number | null;
  followedUp: number; followUpRate: number | null;
  /** the next largest stage, to show why this one was flagged */
  runnerUp: { name: string; share: number } | null;
  sentence: string;
};

/** when the deal entered its stage: "stageEnteredAt" is its latest stage change into it, kept by triggers (migration deal_stage_entered) */
const ENTERED_SQL = `COALESCE(d."stageEnteredAt", d."openedAt")`;

/** Series 1: the open deals now, per open stage. */
export async function openByStage(a: Actor, f: Scope, now: Date): Promise<OpenStageRow[]> {
  const params: unknown[] = [a.organizationId, tsParam(now), tsParam(new Date(now.getTime() - FOLLOW_UP_DAYS * 86_400_000))];
  const owner = scopeSql(a, f, params);
  const rows = await a.db.$queryRawUnsafe<Record<string, unknown>[]>(
    `WITH open_deals AS (
       SELECT d.id, d."stageId", d.amount, ${ENTERED_SQL} AS entered,
              EXISTS (SELECT 1 FROM "Activity" x WHERE x."organizationId" = $1::uuid AND x."dealId" = d.id AND x."deletedAt" IS NULL
                      AND ((x."createdAt" >= $3::timestamp AND x."createdAt" <= $2::timestamp) OR (x."doneAt" >= $3::timestamp AND x."doneAt" <= $2::timestamp))) AS followed
       FROM "Deal" d
       WHERE d."organizationId" = $1::uuid AND d."deletedAt" IS NULL AND d.status = 'OPEN'${owner}
     )
     SELECT s.id AS "stageId", s.name, s.position, s.probability,
            count(o.id)::int AS deals, COALESCE(sum(o.amount), 0)::float8 AS value,
            avg(EXTRACT(EPOCH FROM ($2::timestamp - o.entered)) / 86400.0)::float8 AS "avgDays",
            count(o.id) FILTER (WHERE o.followed)::int AS "followedUp",
            sum(count(o.id)) OVER ()::int AS total
     FROM "PipelineStage" s LEFT JOIN open_deals o ON o."stageId" = s.id
     WHERE s."organizationId" = $1::uuid AND s.kind = 'OPEN'
     GROUP BY s.id ORDER BY s.position, s.name`,
    ...params,
  );
  return rows.map((r) => {
    const deals = Number(r.deals);
    const total = Number(r.total);
    const followedUp = Number(r.followedUp);
    return {
      stageId: String(r.stageId), name: String(r.name), position: Number(r.position), probability: Number(r.probability),
      deals, value: toNumber(r.value) ?? 0, share: total ? (deals / total) * 100 : null, avgDaysInStage: toNumber(r.avgDays),
      followedUp, followUpRate: deals ? (followedUp / deals) * 100 : null,
    };
  });
}

/** Series 2: what flowed through each open stage in the period. */
export async function flowByStage(a: Actor, f: Scope, range: { start: Date; end: Date }, now: Date): Promise<FlowStageRow[]> {
  const params: unknown[] = [a.organizationId, ...rangeParams(range), tsParam(now)];
  const owner = scopeSql(a, f, params);
  const rows = await a.db.$queryRawUnsafe<Record<string, unknown>[]>(
    `WITH changes AS (
       SELECT c."dealId", c."toStageId", c."changedAt", d.amount, s.position,
              lead(c."changedAt") OVER (PARTITION BY c."dealId" ORDER BY c."changedAt", c.id) AS "leftAt",
              -- the furthest non-lost stage the deal reached from this change on (this one included)
              max(CASE WHEN s.kind <> 'LOST' THEN s.position END)
                OVER (PARTITION BY c."dealId" ORDER BY c."changedAt" DESC, c.id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS furthest
       FROM "DealStageChange" c
       JOIN "Deal" d ON d.id = c."dealId" AND d."organizationId" = $1::uuid AND d."deletedAt" IS NULL${owner}
       LEFT JOIN "PipelineStage" s ON s.id = c."toStageId"
       WHERE c."organizationId" = $1::uuid
     ), stints AS (
       SELECT ch.*, ch.furthest > ch.position AS advanced FROM changes ch
       WHERE ch."changedAt" >= $2::timestamp AND ch."changedAt" < $3::timestamp
     ), per_deal AS (
       -- a deal that entered a stage twice in the period counts once (advanced if any of its stints advanced)
       SELECT "toStageId", "dealId", max(amount) AS amount, bool_or(advanced) AS advanced FROM stints GROUP BY "toStageId", "dealId"
     )
     SELECT s.id AS "stageId", s.name, s.position,
            (SELECT count(*) FROM per_deal p WHERE p."toStageId" = s.id)::int AS entered,
            (SELECT COALESCE(sum(p.amount), 0) FROM per_deal p WHERE p."toStageId" = s.id)::float8 AS "enteredValue",
            (SELECT count(*) FROM per_deal p WHERE p."toStageId" = s.id AND p.advanced)::int AS advanced,
            (SELECT avg(EXTRACT(EPOCH FROM (COALESCE(t."leftAt", $4::timestamp) - t."changedAt")) / 86400.0) FROM stints t WHERE t."toStageId" = s.id)::float8 AS "avgDays"
     FROM "PipelineStage" s
     WHERE s."organizationId" = $1::uuid AND s.kind = 'OPEN'
     ORDER BY s.position, s.name`,
    ...params,
  );
  return rows.map((r) => {
    const entered = Number(r.entered);
    const advanced = Number(r.advanced);
    return {
      stageId: String(r.stageId), name: String(r.name), position: Number(r.position),
      entered, enteredValue: toNumber(r.enteredValue) ?? 0, avgDaysInStage: toNumber(r.avgDays), advanced, conversion: entered ? (advanced / entered) * 100 : null,
    };
  });
}

const pct = (x: number) => `${Math.round(x)}%`;

/** The bottleneck rule (see the top of this file) over the open-now rows. */
export function findBottleneck(rows: OpenStageRow[]): Bottleneck | null {
  const totalOpen = rows.reduce((s, r) => s + r.deals, 0);
  if (totalOpen === 0) return null;
  const ranked = [...rows].filter((r) => r.deals > 0).sort((x, y) => y.deals - x.deals || (y.avgDaysInStage ?? 0) - (x.avgDaysInStage ?? 0) || x.position - y.position);
  const b = ranked[0]!;
  const second = ranked[1];
  const share = (b.deals / totalOpen) * 100;
  const days = b.avgDaysInStage === null ? "" : `, for ${Math.round(b.avgDaysInStage)} days on average`;
  const follow = b.followUpRate === null ? "" : `; ${b.followUpRate < 100 ? "only " : ""}${pct(b.followUpRate)} of them (${b.followedUp} of ${b.deals}) had a follow-up (an activity) in the last ${FOLLOW_UP_DAYS} days`;
  return {
    stageId: b.stageId, name: b.name, deals: b.deals, totalOpen, share, avgDaysInStage: b.avgDaysInStage, followedUp: b.followedUp, followUpRate: b.followUpRate,
    runnerUp: second ? { name: second.name, share: (second.deals / totalOpen) * 100 } : null,
    sentence: `${pct(share)} of open deals (${b.deals} of ${totalOpen}) sit in ${b.name}${days}${follow}.`,
  };
}

export async function getPipelineReport(a: Actor, input: { period: PeriodInput; ownerId?: string | null }, now = new Date()) {
  const { current } = resolvePeriod(input.period, { now });
  const [open, flow] = await Promise.all([openByStage(a, input, now), flowByStage(a, input, current, now)]);
  return { start: current.start, end: current.end, now, followUpDays: FOLLOW_UP_DAYS, open, flow, bottleneck: findBottleneck(open) };
}

export const STAGE_DEALS_LIMIT = 500;

/**
 * The deals behind a report row: the open deals sitting in one stage now (in the caller's scope), optionally only
 * those without a follow-up in the last FOLLOW_UP_DAYS days — exactly the deals the open-now numbers count.
 */
export async function listStageDeals(a: Actor, input: { stageId: string; ownerId?: string | null; withoutFollowUp?: boolean }, now = new Date()) {
  if (!isUuid(input.stageId)) throw new UserError("stageId: must be a stage id.");
  const stage = await a.db.pipelineStage.findFirst({ where: { id: input.stageId }, select: { id: true, name: true, kind: true } });
  if (!stage) throw new UserError("stageId: no such stage in this organization's pipeline.");
  const params: unknown[] = [a.organizationId, tsParam(now), tsParam(new Date(now.getTime() - FOLLOW_UP_DAYS * 86_400_000)), stage.id];
  const owner = scopeSql(a, input, params);
  const rows = await a.db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT x.*, count(*) OVER () AS total FROM (
       SELECT d.id, d.name, d.amount::float8 AS amount, d."ownerId", u.name AS "ownerName", acc.name AS "accountName",
              EXTRACT(EPOCH FROM ($2::timestamp - ${ENTERED_SQL})) / 86400.0 AS "daysInStage",
              (SELECT max(GREATEST(x."createdAt", COALESCE(x."doneAt", x."createdAt"))) FROM "Activity" x
                WHERE x."organizationId" = $1::uuid AND x."dealId" = d.id AND x."deletedAt" IS NULL AND x."createdAt" <= $2::timestamp) AS "lastActivityAt",
              EXISTS (SELECT 1 FROM "Activity" x WHERE x."organizationId" = $1::uuid AND x."dealId" = d.id AND x."deletedAt" IS NULL
                      AND ((x."createdAt" >= $3::timestamp AND x."createdAt" <= $2::timestamp) OR (x."doneAt" >= $3::timestamp AND x."doneAt" <= $2::timestamp))) AS followed
       FROM "Deal" d
       LEFT JOIN "Account" acc ON acc.id = d."accountId" AND acc."organizationId" = d."organizationId"
       LEFT JOIN "User" u ON u.id = d."ownerId"
       WHERE d."organizationId" = $1::uuid AND d."deletedAt" IS NULL AND d.status = 'OPEN' AND d."stageId" = $4::uuid${owner}
     ) x ${input.withoutFollowUp ? "WHERE NOT x.followed" : ""}
     ORDER BY x."daysInStage" DESC, x.id LIMIT ${STAGE_DEALS_LIMIT + 1}`,
    ...params,
  );
  return {
    stage: { id: stage.id, name: stage.name },
    followUpDays: FOLLOW_UP_DAYS,
    truncated: rows.length > STAGE_DEALS_LIMIT,
    /** all the deals behind the number (the list holds the first STAGE_DEALS_LIMIT, longest in the stage first) */
    total: rows.length ? Number(rows[0]!.total) : 0,
    deals: rows.slice(0, STAGE_DEALS_LIMIT).map((r) => ({
      id: String(r.id), name: String(r.name), amount: Number(r.amount), ownerName: (r.ownerName as string | null) ?? null, accountName: (r.accountName as string | null) ?? null,
      daysInStage: toNumber(r.daysInStage), lastActivityAt: (r.lastActivityAt as Date | null) ?? null, followedUp: Boolean(r.followed),
    })),
  };
}
