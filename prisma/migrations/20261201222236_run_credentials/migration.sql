-- A lease now names its job's queue (the tenant's, or one agent's). Leases held while this runs are
-- forgotten: their agents' reports are refused (lease_lost) and each job goes back to the queue when
-- its lease runs out, to be handed out again (delivery is at-least-once, operations idempotent).
DELETE FROM "AgentJobLease";

-- AlterTable
ALTER TABLE "AgentJobLease" ADD COLUMN     "queue" TEXT NOT NULL;

-- CreateTable
CREATE TABLE "RunOnPremisesAccount" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "userName" TEXT NOT NULL,
    "sealed" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunOnPremisesAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MigrationCredential" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "userName" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "iv" BYTEA NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MigrationCredential_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RunOnPremisesAccount_runId_key" ON "RunOnPremisesAccount"("runId");

-- CreateIndex
CREATE INDEX "RunOnPremisesAccount_tenantId_idx" ON "RunOnPremisesAccount"("tenantId");

-- CreateIndex
CREATE INDEX "RunOnPremisesAccount_agentId_idx" ON "RunOnPremisesAccount"("agentId");

-- CreateIndex
CREATE UNIQUE INDEX "MigrationCredential_runId_key" ON "MigrationCredential"("runId");

-- CreateIndex
CREATE INDEX "MigrationCredential_tenantId_idx" ON "MigrationCredential"("tenantId");

-- AddForeignKey
ALTER TABLE "RunOnPremisesAccount" ADD CONSTRAINT "RunOnPremisesAccount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunOnPremisesAccount" ADD CONSTRAINT "RunOnPremisesAccount_runId_fkey" FOREIGN KEY ("runId") REFERENCES "WizardRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunOnPremisesAccount" ADD CONSTRAINT "RunOnPremisesAccount_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunOnPremisesAccount" ADD CONSTRAINT "RunOnPremisesAccount_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationCredential" ADD CONSTRAINT "MigrationCredential_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationCredential" ADD CONSTRAINT "MigrationCredential_runId_fkey" FOREIGN KEY ("runId") REFERENCES "WizardRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationCredential" ADD CONSTRAINT "MigrationCredential_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
