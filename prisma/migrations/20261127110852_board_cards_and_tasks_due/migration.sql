-- The pipeline board's cards: the most recently updated deals of each stage, read per stage from the index in
-- that order (src/server/pipeline/board.ts) instead of numbering every open and recently closed deal (108 ms on
-- 300k deals, a fifth of the database's time under load). The index replaces (organizationId, status, stageId),
-- which the board's totals and the KPIs keep using as its prefix.
-- DropIndex
DROP INDEX "Deal_organizationId_status_stageId_idx";

-- CreateIndex
CREATE INDEX "Deal_organizationId_status_stageId_updatedAt_idx" ON "Deal"("organizationId", "status", "stageId", "updatedAt");

-- "My tasks due" on the staff home pages counts a user's activities not done and due by today: the
-- (organizationId, ownerId, dueAt) index found every past activity of a rep (33k) and checked each in the table
-- (63 ms). Only open tasks are indexed here. Hand-written: Prisma's schema cannot express a partial index.
CREATE INDEX "Activity_open_tasks_idx" ON "Activity" ("organizationId", "ownerId", "dueAt") WHERE "doneAt" IS NULL AND "deletedAt" IS NULL;
