-- DropIndex
DROP INDEX "Purchase_organizationId_accountId_purchasedAt_idx";

-- CreateIndex
CREATE INDEX "Purchase_account_purchased_idx" ON "Purchase"("organizationId", "accountId", "purchasedAt", "deletedAt", "amount", "cost");

-- CreateIndex
CREATE INDEX "Purchase_deal_purchased_idx" ON "Purchase"("dealId", "purchasedAt", "deletedAt", "organizationId", "amount");
