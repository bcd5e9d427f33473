-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "stageEnteredAt" TIMESTAMP(3);

-- ---------------------------------------------------------------------------------------------------------------
-- "stageEnteredAt": when a deal last entered its current stage (hand-written below).
-- The pipeline report's "average days in stage" read, for every open deal, the latest DealStageChange into its
-- stage (an index probe per deal: ~60,000 on the bench data) every time a deal changed. The column holds that
-- same value — the latest DealStageChange."changedAt" with the deal's id and toStageId = its stageId, NULL when
-- there is none — so the report is a plain aggregate over open deals. Triggers keep it exact whoever writes:
-- - a deal's stage changes: the row trigger reads its latest entry into the new stage;
-- - stage changes are inserted, updated or deleted: their deals are read again (only those whose value differs
--   are updated, so moving a deal — stage change row first, then the deal — updates nothing twice).
-- A new deal has no stage change rows yet (they reference it), so NULL is right for it.
-- ---------------------------------------------------------------------------------------------------------------

-- the backfill changes nothing the Deal triggers count (rollups, change counters), so they are off while it runs
ALTER TABLE "Deal" DISABLE TRIGGER USER;
UPDATE "Deal" d SET "stageEnteredAt" = e.entered
  FROM (SELECT c."dealId", c."toStageId", max(c."changedAt") AS entered FROM "DealStageChange" c GROUP BY 1, 2) e
 WHERE e."dealId" = d.id AND e."toStageId" = d."stageId";
ALTER TABLE "Deal" ENABLE TRIGGER USER;

CREATE FUNCTION deal_stage_entered_row() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  NEW."stageEnteredAt" := (SELECT max(c."changedAt") FROM "DealStageChange" c WHERE c."dealId" = NEW.id AND c."toStageId" = NEW."stageId");
  RETURN NEW;
END
$f$;
CREATE TRIGGER deal_stage_entered BEFORE UPDATE OF "stageId" ON "Deal"
  FOR EACH ROW WHEN (OLD."stageId" IS DISTINCT FROM NEW."stageId") EXECUTE FUNCTION deal_stage_entered_row();

/** Reads the stage entry of these deals again; updates the deals whose value changed (and only then the table). */
CREATE FUNCTION deal_stage_entered_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  -- an UPDATE runs the Deal statement triggers even when it changes no row: look first
  IF EXISTS (SELECT 1 FROM "Deal" d WHERE d.id = ANY(ids)
               AND d."stageEnteredAt" IS DISTINCT FROM (SELECT max(c."changedAt") FROM "DealStageChange" c WHERE c."dealId" = d.id AND c."toStageId" = d."stageId")) THEN
    UPDATE "Deal" d SET "stageEnteredAt" = e.entered
      FROM (SELECT x.id, (SELECT max(c."changedAt") FROM "DealStageChange" c WHERE c."dealId" = x.id AND c."toStageId" = x."stageId") AS entered
              FROM "Deal" x WHERE x.id = ANY(ids)) e
     WHERE d.id = e.id AND d."stageEnteredAt" IS DISTINCT FROM e.entered;
  END IF;
END
$f$;

CREATE FUNCTION deal_stage_entered_changes() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM deal_stage_entered_refresh(ARRAY(SELECT DISTINCT s."dealId" FROM stage_new s));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM deal_stage_entered_refresh(ARRAY(SELECT s."dealId" FROM stage_new s UNION SELECT s."dealId" FROM stage_old s));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM deal_stage_entered_refresh(ARRAY(SELECT DISTINCT s."dealId" FROM stage_old s));
  ELSE -- TRUNCATE: no deal has a stage change any more
    UPDATE "Deal" SET "stageEnteredAt" = NULL WHERE "stageEnteredAt" IS NOT NULL;
  END IF;
  RETURN NULL;
END
$f$;
CREATE TRIGGER deal_stage_entered_insert AFTER INSERT ON "DealStageChange" REFERENCING NEW TABLE AS stage_new FOR EACH STATEMENT EXECUTE FUNCTION deal_stage_entered_changes();
CREATE TRIGGER deal_stage_entered_update AFTER UPDATE ON "DealStageChange" REFERENCING OLD TABLE AS stage_old NEW TABLE AS stage_new FOR EACH STATEMENT EXECUTE FUNCTION deal_stage_entered_changes();
CREATE TRIGGER deal_stage_entered_delete AFTER DELETE ON "DealStageChange" REFERENCING OLD TABLE AS stage_old FOR EACH STATEMENT EXECUTE FUNCTION deal_stage_entered_changes();
CREATE TRIGGER deal_stage_entered_truncate AFTER TRUNCATE ON "DealStageChange" FOR EACH STATEMENT EXECUTE FUNCTION deal_stage_entered_changes();

-- Open deals per owner and stage, with what the pipeline report, the board's open columns and the home pages'
-- "open deals" sum: read from the index alone. Hand-written: Prisma's schema cannot express a partial index.
CREATE INDEX "Deal_open_idx" ON "Deal" ("organizationId", "ownerId", "stageId") INCLUDE (amount, "campaignId", "openedAt", "stageEnteredAt")
  WHERE status = 'OPEN' AND "deletedAt" IS NULL;
