-- CreateEnum
CREATE TYPE "RunKind" AS ENUM ('wizard', 'undo', 'certificate');

-- AlterTable
ALTER TABLE "WizardRun" ADD COLUMN     "certificateThumbprint" TEXT,
ADD COLUMN     "kind" "RunKind" NOT NULL DEFAULT 'wizard',
ADD COLUMN     "sourceRunId" UUID;

-- AddForeignKey
ALTER TABLE "WizardRun" ADD CONSTRAINT "WizardRun_sourceRunId_fkey" FOREIGN KEY ("sourceRunId") REFERENCES "WizardRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
