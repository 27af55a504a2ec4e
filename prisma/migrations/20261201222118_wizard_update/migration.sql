-- AlterEnum
ALTER TYPE "RunStatus" ADD VALUE 'paused' BEFORE 'succeeded';

-- AlterTable
ALTER TABLE "WizardRun" ADD COLUMN     "confirmedById" UUID,
ADD COLUMN     "pausedReason" TEXT,
ADD COLUMN     "planDigest" TEXT;

-- AlterTable
ALTER TABLE "Operation" ADD COLUMN     "after" JSONB NOT NULL,
ADD COLUMN     "before" JSONB NOT NULL,
ADD COLUMN     "credentials" JSONB,
ADD COLUMN     "dependsOn" TEXT[],
ADD COLUMN     "identity" TEXT NOT NULL,
ADD COLUMN     "kind" TEXT NOT NULL,
ADD COLUMN     "observedAt" TIMESTAMP(3),
ADD COLUMN     "observedBefore" JSONB,
ADD COLUMN     "planOperationId" TEXT NOT NULL,
ADD COLUMN     "queueJobId" UUID,
ADD COLUMN     "tenantId" UUID NOT NULL;

-- AlterTable
ALTER TABLE "RunLogEntry" ADD COLUMN     "details" JSONB,
ADD COLUMN     "tenantId" UUID NOT NULL;

-- CreateIndex
CREATE INDEX "Operation_tenantId_runId_idx" ON "Operation"("tenantId", "runId");

-- CreateIndex
CREATE UNIQUE INDEX "Operation_runId_planOperationId_key" ON "Operation"("runId", "planOperationId");

-- CreateIndex
CREATE INDEX "RunLogEntry_tenantId_idx" ON "RunLogEntry"("tenantId");

-- AddForeignKey
ALTER TABLE "WizardRun" ADD CONSTRAINT "WizardRun_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Operation" ADD CONSTRAINT "Operation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunLogEntry" ADD CONSTRAINT "RunLogEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
