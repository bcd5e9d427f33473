-- The sales dashboard's pipeline report reads, for each of the open deals (24.6k on the bench data), when it entered
-- its current stage: the latest stage change into that stage. The (dealId, changedAt) index read all of a deal's
-- changes and kept those into the stage; this one reads the latest one directly (216 -> 152-161 ms for the report,
-- the largest statement under load). Deal imports write no stage changes, so they pay nothing.
-- CreateIndex
CREATE INDEX "DealStageChange_dealId_toStageId_changedAt_idx" ON "DealStageChange"("dealId", "toStageId", "changedAt");
