-- CreateTable
CREATE TABLE "SurveyLink" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "ticketId" UUID,
    "accountId" UUID,
    "contactId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "SurveyLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SurveyLink_tokenHash_key" ON "SurveyLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SurveyLink_organizationId_surveyId_idx" ON "SurveyLink"("organizationId", "surveyId");

-- CreateIndex
CREATE INDEX "SurveyLink_organizationId_ticketId_idx" ON "SurveyLink"("organizationId", "ticketId");

-- CreateIndex
CREATE INDEX "SurveyLink_organizationId_accountId_idx" ON "SurveyLink"("organizationId", "accountId");

-- AddForeignKey
ALTER TABLE "SurveyLink" ADD CONSTRAINT "SurveyLink_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyLink" ADD CONSTRAINT "SurveyLink_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
