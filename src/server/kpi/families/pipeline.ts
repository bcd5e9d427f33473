import type { PrismaClient } from "@/generated/prisma/client";
import { filterSql } from "../engine";
import type { KpiFilters } from "../types";

// The open pipeline by stage, now: deals per stage, their value, how long they have sat in the stage,
// and each stage's share of the open deals (a stage holding a large share for long is a bottleneck).
// ONE grouped statement; stages come from the organization's configurable pipeline.

type RawDb = Pick<PrismaClient, "$queryRawUnsafe">;

export type PipelineStageRow = {
  stageId: string;
  name: string;
  position: number;
  probability: number;
  deals: number;
  value: number;
  /** value × stage probability */
  weightedValue: number;
  /** share of all open deals sitting in this stage, % */
  share: number | null;
  /** average days since the deal entered this stage (last stage change into it, else when it was opened) */
  avgDaysInStage: number | null;
};

const PIPELINE_FILTERS = { id: "pipeline_by_stage", filters: ["ownerId", "teamId", "campaignId"] as const };

export async function pipelineByStage(db: RawDb, organizationId: string, now: Date, filters: KpiFilters = {}): Promise<PipelineStageRow[]> {
  // the statement does not depend on "now" (the average entry time, not the average age): the result cache can
  // reuse it until a deal or stage changes; the age is now − that average, computed below
  const params: unknown[] = [organizationId];
  const f = filterSql(PIPELINE_FILTERS, filters, params);
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    // "stageEnteredAt" is the latest stage change into the deal's stage, kept by triggers (migration
    // deal_stage_entered). The open deals are summed per stage first, from the partial index Deal_open_idx alone
    // (which holds every column read here): joined to the stages first, PostgreSQL read each stage's deals from
    // the table (106 ms for 24,669 open deals on the bench data, against ~10 ms)
    `WITH per_stage AS (
       SELECT d."stageId", count(*)::int AS deals, sum(d.amount) AS value,
              avg(EXTRACT(EPOCH FROM COALESCE(d."stageEnteredAt", d."openedAt"))) AS entered
       FROM "Deal" d
       WHERE d."organizationId" = $1::uuid AND d."deletedAt" IS NULL AND d.status = 'OPEN'${f({ ownerId: 'd."ownerId"', campaignId: 'd."campaignId"' })}
       GROUP BY d."stageId"
     )
     SELECT s.id AS "stageId", s.name, s.position, s.probability,
            COALESCE(o.deals, 0) AS deals,
            COALESCE(o.value, 0) AS value,
            o.entered AS "avgEnteredEpoch",
            sum(COALESCE(o.deals, 0)) OVER () AS total
     FROM "PipelineStage" s LEFT JOIN per_stage o ON o."stageId" = s.id
     WHERE s."organizationId" = $1::uuid AND s.kind = 'OPEN'
     ORDER BY s.position`,
    ...params,
  );
  return rows.map((r) => {
    const deals = Number(r.deals);
    const total = Number(r.total);
    const value = Number(r.value ?? 0);
    const probability = Number(r.probability);
    return {
      stageId: String(r.stageId), name: String(r.name), position: Number(r.position), probability,
      deals, value, weightedValue: (value * probability) / 100,
      share: total ? (deals / total) * 100 : null,
      avgDaysInStage: r.avgEnteredEpoch === null ? null : (now.getTime() / 1000 - Number(r.avgEnteredEpoch)) / 86400,
    };
  });
}
