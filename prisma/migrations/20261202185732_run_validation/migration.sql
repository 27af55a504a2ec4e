-- AlterTable
ALTER TABLE "WizardRun" ADD COLUMN     "validation" JSONB;
