-- AlterTable
ALTER TABLE "ImportJob" ADD COLUMN     "cancelRequestedAt" TIMESTAMP(3);
