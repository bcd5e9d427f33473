import type { PrismaClient } from "@/generated/prisma/client";
import { rangeParams } from "../sql";
import { filterSql } from "../engine";
import type { Range } from "../period";
import type { FilterKey, KpiFilters } from "../types";

// Net Promoter Score: the one place that says who is a promoter, a passive or a detractor (0-10 answers).
// Used by the NPS KPIs in support.ts and by npsDistribution below. `r` is a "SurveyResponse" row.
export const NPS_PROMOTER = "r.score >= 9"; // 9-10
export const NPS_PASSIVE = "r.score BETWEEN 7 AND 8"; // 7-8
export const NPS_DETRACTOR = "r.score <= 6"; // 0-6

/** NPS answers of the organization ($1); add the period and filters. */
export const NPS_RESPONSES = `"SurveyResponse" r WHERE r."organizationId" = $1::uuid AND r.type = 'NPS'`;
/** The owner of an answer: the assignee of the ticket it answers (answers without a ticket have none). */
export const RESPONSE_OWNER = `(SELECT tk."assigneeId" FROM "Ticket" tk WHERE tk.id = r."ticketId")`;
export const NPS_DISTRIBUTION_FILTERS: readonly FilterKey[] = ["ownerId", "teamId"];

export type NpsDistribution = {
  /** counts[s] = answers with score s, s = 0..10 */
  counts: number[];
  total: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters − % detractors, −100..100; null when there is no answer */
  nps: number | null;
  reason?: string;
};

/**
 * How many NPS answers gave each score 0..10 in [range.start, range.end) (respondedAt, UTC):
 * one GROUP BY statement over the 11 possible scores; the NPS and the three groups follow from the counts.
 * Filters: ownerId / teamId = assignee of the ticket the answer is about.
 */
export async function npsDistribution(db: Pick<PrismaClient, "$queryRawUnsafe">, organizationId: string, range: Range, filters: KpiFilters = {}): Promise<NpsDistribution> {
  const params: unknown[] = [organizationId, ...rangeParams(range)];
  const f = filterSql({ id: "nps_distribution", filters: NPS_DISTRIBUTION_FILTERS }, filters, params);
  const rows = await db.$queryRawUnsafe<{ score: number; n: bigint | number }[]>(
    `SELECT s.score::int AS score, count(r.id) AS n
       FROM generate_series(0, 10) AS s(score)
       LEFT JOIN "SurveyResponse" r ON r.score = s.score AND r."organizationId" = $1::uuid AND r.type = 'NPS'
        AND r."respondedAt" >= $2::timestamp AND r."respondedAt" < $3::timestamp${f({ ownerId: RESPONSE_OWNER })}
      GROUP BY s.score ORDER BY s.score`,
    ...params,
  );
  const counts = Array.from({ length: 11 }, () => 0);
  for (const row of rows) counts[Number(row.score)] = Number(row.n);
  const sum = (from: number, to: number) => counts.slice(from, to + 1).reduce((a, b) => a + b, 0);
  const total = sum(0, 10);
  const promoters = sum(9, 10);
  const passives = sum(7, 8);
  const detractors = sum(0, 6);
  return total === 0
    ? { counts, total, promoters, passives, detractors, nps: null, reason: "no NPS answers in period" }
    : { counts, total, promoters, passives, detractors, nps: ((promoters - detractors) / total) * 100 };
}
