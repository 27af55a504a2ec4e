-- AlterTable: the wizard says "page" for its screens. Renamed, not dropped and added, so a run
-- keeps the page it was on.
ALTER TABLE "WizardRun" RENAME COLUMN "currentStep" TO "currentPage";

-- PostgreSQL 18 names a NOT NULL constraint after its column and keeps that name on a rename:
-- set it again so that it is named after the new column, as a database made from the schema has it.
ALTER TABLE "WizardRun" ALTER COLUMN "currentPage" DROP NOT NULL;
ALTER TABLE "WizardRun" ALTER COLUMN "currentPage" SET NOT NULL;
