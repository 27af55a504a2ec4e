-- AlterTable
ALTER TABLE "WizardRun" ADD COLUMN     "gathered" JSONB,
ADD COLUMN     "gatheredAt" TIMESTAMP(3);
