-- DropIndex
DROP INDEX "Deal_organizationId_closedAt_idx";

-- DropIndex
DROP INDEX "Purchase_organizationId_purchasedAt_idx";

-- CreateIndex
CREATE INDEX "Deal_kpi_closed_idx" ON "Deal"("organizationId", "closedAt", "deletedAt", "status", "ownerId", "campaignId", "openedAt", "engagedAt");

-- CreateIndex
CREATE INDEX "Purchase_kpi_purchased_idx" ON "Purchase"("organizationId", "purchasedAt", "deletedAt", "accountId", "amount", "cost");
