-- DropIndex
DROP INDEX "Lead_organizationId_ownerId_status_idx";

-- A rep's open leads (their home page) counted from the index alone: the index above held deleted leads too, so
-- each of a rep's ~1,800 open leads was checked in the table (148 ms with a cold cache on the bench data).
-- Hand-written: Prisma's schema cannot express a partial index.
CREATE INDEX "Lead_live_owner_status_idx" ON "Lead" ("organizationId", "ownerId", status) WHERE "deletedAt" IS NULL;
