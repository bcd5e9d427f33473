-- The rollup with n and total in the index: KPI statements read "KpiDaily" with index-only scans.
-- CreateIndex
CREATE INDEX "KpiDaily_covering_idx" ON "KpiDaily"("organizationId", "metric", "day", "ownerId", "n", "total");
