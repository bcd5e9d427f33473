-- A rep's deal list ("my deals": owner = me, not deleted, newest first) and its count (up to 1,000) read this index
-- in its order and stop early. With (organizationId, ownerId, status, closedAt) PostgreSQL collected all of a
-- rep's deals (58,160 for the largest owner of the bench data) and sorted them: 67 ms for a page of 25, and 6.5-23 ms
-- for the count, which had to visit the table for "deletedAt". Hand-written: Prisma's schema cannot express a
-- partial index.
CREATE INDEX "Deal_owner_live_opened_idx" ON "Deal" ("organizationId", "ownerId", "openedAt") WHERE "deletedAt" IS NULL;
