-- The pipeline board's totals of its won and lost columns: the deals closed in the last 30 days, per stage, from
-- the index alone. Deal_kpi_closed_idx found them but read each from the table for its stage and amount (21 ms for
-- 13,067 deals on the bench data, on every board view). Hand-written: Prisma's schema cannot express a partial index.
CREATE INDEX "Deal_closed_idx" ON "Deal" ("organizationId", "closedAt") INCLUDE ("ownerId", "stageId", amount)
  WHERE status <> 'OPEN' AND "deletedAt" IS NULL;
