-- An agent's own duration KPIs (median / p90 first response and resolution) read only their tickets, index-only.
-- CreateIndex
CREATE INDEX "Ticket_kpi_assignee_resolved_idx" ON "Ticket"("organizationId", "assigneeId", "resolvedAt", "deletedAt", "openedAt");

-- CreateIndex
CREATE INDEX "Ticket_kpi_assignee_first_response_idx" ON "Ticket"("organizationId", "assigneeId", "firstResponseAt", "deletedAt", "openedAt");
