-- DropIndex
DROP INDEX "Lead_organizationId_convertedAt_idx";

-- DropIndex
DROP INDEX "Lead_organizationId_createdAt_idx";

-- DropIndex
DROP INDEX "Lead_organizationId_ownerId_createdAt_idx";

-- DropIndex
DROP INDEX "Ticket_organizationId_openedAt_idx";

-- DropIndex
DROP INDEX "Ticket_organizationId_resolvedAt_idx";

-- CreateIndex
CREATE INDEX "Lead_kpi_created_idx" ON "Lead"("organizationId", "createdAt", "deletedAt", "ownerId", "source", "campaignId", "convertedAt");

-- CreateIndex
CREATE INDEX "Lead_kpi_converted_idx" ON "Lead"("organizationId", "convertedAt", "deletedAt", "ownerId", "source", "campaignId", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_kpi_opened_idx" ON "Ticket"("organizationId", "openedAt", "deletedAt", "assigneeId", "channel", "priority", "resolvedAt");

-- CreateIndex
CREATE INDEX "Ticket_kpi_resolved_idx" ON "Ticket"("organizationId", "resolvedAt", "deletedAt", "assigneeId", "channel", "priority", "openedAt", "contactCount", "reopenCount");

-- CreateIndex
CREATE INDEX "Ticket_kpi_first_response_idx" ON "Ticket"("organizationId", "firstResponseAt", "deletedAt", "assigneeId", "channel", "priority", "openedAt");
