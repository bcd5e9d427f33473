import { resolvePeriod, type PeriodInput } from "@/server/kpi/period";
import { rangeParams } from "@/server/kpi/sql";
import type { Actor } from "@/server/pipeline/access";
import { ownerScope } from "@/server/pipeline/access";
import { SCORE_BAND_WIDTH, SCORE_BANDS, SCORE_MAX } from "./model";

// Conversion rate by score band, to check the model against what happened: the leads created in the period
// (not deleted), grouped by the band of their CURRENT score (0-19, 20-39, 40-59, 60-79, 80-100), and how many of
// them were converted (convertedAt set, at any time). Rate = converted / leads x 100 (null for an empty band).
// A good model shows the rate rising with the band. One SQL statement (every band, empty ones included).

export type ScoreBandRow = { lo: number; hi: number; label: string; leads: number; converted: number; rate: number | null };

export async function scoreBandConversion(a: Actor, input: { period: PeriodInput; ownerId?: string | null }, now = new Date()): Promise<{ start: Date; end: Date; bands: ScoreBandRow[] }> {
  const { current } = resolvePeriod(input.period, { now });
  const params: unknown[] = [a.organizationId, ...rangeParams(current)];
  const owner = ownerScope(a, input.ownerId);
  let ownerSql = "";
  if (owner) {
    params.push(owner);
    ownerSql = ` AND l."ownerId" = $${params.length}::uuid`;
  }
  const rows = await a.db.$queryRawUnsafe<{ lo: number; leads: number; converted: number }[]>(
    `SELECT b.lo::int AS lo, count(l.id)::int AS leads, count(l."convertedAt")::int AS converted
     FROM generate_series(0, ${SCORE_MAX - SCORE_BAND_WIDTH}, ${SCORE_BAND_WIDTH}) AS b(lo)
     LEFT JOIN "Lead" l ON l."organizationId" = $1::uuid AND l."deletedAt" IS NULL
       AND l."createdAt" >= $2::timestamp AND l."createdAt" < $3::timestamp${ownerSql}
       AND LEAST(l.score / ${SCORE_BAND_WIDTH}, ${SCORE_MAX / SCORE_BAND_WIDTH - 1}) * ${SCORE_BAND_WIDTH} = b.lo
     GROUP BY b.lo ORDER BY b.lo`,
    ...params,
  );
  const byLo = new Map(rows.map((r) => [Number(r.lo), r]));
  return {
    start: current.start,
    end: current.end,
    bands: SCORE_BANDS.map((b) => {
      const r = byLo.get(b.lo);
      const leads = Number(r?.leads ?? 0);
      const converted = Number(r?.converted ?? 0);
      return { ...b, leads, converted, rate: leads ? (converted / leads) * 100 : null };
    }),
  };
}
