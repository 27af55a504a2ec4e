-- CreateEnum
CREATE TYPE "HybridState" AS ENUM ('notConfigured', 'configured', 'drifted');

-- CreateEnum
CREATE TYPE "HealthCheckStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "HealthCheckBatch" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "startedById" UUID,
    "startedByName" TEXT NOT NULL,
    "scheduled" BOOLEAN NOT NULL DEFAULT false,
    "total" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HealthCheckBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthCheck" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "status" "HealthCheckStatus" NOT NULL DEFAULT 'queued',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "hybridState" "HybridState",
    "planChanges" INTEGER,
    "transportCertificateExpiresAt" TIMESTAMP(3),
    "findings" JSONB NOT NULL DEFAULT '[]',
    "changes" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,

    CONSTRAINT "HealthCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthCheckSchedule" (
    "partnerId" UUID NOT NULL,
    "cron" TEXT NOT NULL DEFAULT '0 6 * * *',
    "setById" UUID NOT NULL,
    "alertEmail" TEXT,
    "webhookUrl" TEXT,
    "webhookSecretKeyId" TEXT,
    "webhookSecretIv" BYTEA,
    "webhookSecretCiphertext" BYTEA,
    "needsSignIn" TEXT,
    "lastRunAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HealthCheckSchedule_pkey" PRIMARY KEY ("partnerId")
);

-- CreateIndex
CREATE INDEX "HealthCheckBatch_partnerId_createdAt_idx" ON "HealthCheckBatch"("partnerId", "createdAt");

-- CreateIndex
CREATE INDEX "HealthCheck_tenantId_createdAt_idx" ON "HealthCheck"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "HealthCheck_batchId_idx" ON "HealthCheck"("batchId");

-- AddForeignKey
ALTER TABLE "HealthCheckBatch" ADD CONSTRAINT "HealthCheckBatch_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthCheckBatch" ADD CONSTRAINT "HealthCheckBatch_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthCheck" ADD CONSTRAINT "HealthCheck_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthCheck" ADD CONSTRAINT "HealthCheck_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "HealthCheckBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthCheckSchedule" ADD CONSTRAINT "HealthCheckSchedule_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthCheckSchedule" ADD CONSTRAINT "HealthCheckSchedule_setById_fkey" FOREIGN KEY ("setById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
