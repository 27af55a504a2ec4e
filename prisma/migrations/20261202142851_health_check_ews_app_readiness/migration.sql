-- AlterTable
ALTER TABLE "HealthCheck" ADD COLUMN     "ewsAppReadiness" JSONB;
