-- A rep's home page sums their open deals: the planner read every open deal of the organization (24.6k) by the
-- status index and kept the rep's (2.2k), 20 ms and an eighth of the database's time under load. The owner index
-- gains the status between owner and close date (same number of indexes on "Deal", so imports pay nothing more).
-- DropIndex
DROP INDEX "Deal_organizationId_ownerId_closedAt_idx";

-- CreateIndex
CREATE INDEX "Deal_organizationId_ownerId_status_closedAt_idx" ON "Deal"("organizationId", "ownerId", "status", "closedAt");
