-- DropForeignKey
ALTER TABLE "DealStageChange" DROP CONSTRAINT "DealStageChange_toStageId_fkey";

-- AlterTable
ALTER TABLE "DealStageChange" ALTER COLUMN "toStageId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "incomeBand" TEXT;

-- CreateTable
CREATE TABLE "LeadScoreWeight" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "attribute" TEXT NOT NULL,
    "value" TEXT NOT NULL DEFAULT '',
    "points" DOUBLE PRECISION NOT NULL,
    "maxPoints" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeadScoreWeight_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LeadScoreWeight_organizationId_attribute_value_key" ON "LeadScoreWeight"("organizationId", "attribute", "value");

-- CreateIndex
CREATE INDEX "Lead_organizationId_score_idx" ON "Lead"("organizationId", "score");

-- AddForeignKey
ALTER TABLE "LeadScoreWeight" ADD CONSTRAINT "LeadScoreWeight_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealStageChange" ADD CONSTRAINT "DealStageChange_toStageId_fkey" FOREIGN KEY ("toStageId") REFERENCES "PipelineStage"("id") ON DELETE SET NULL ON UPDATE CASCADE;
