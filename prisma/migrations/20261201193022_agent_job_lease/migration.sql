-- CreateTable
CREATE TABLE "AgentJobLease" (
    "jobId" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "tokenHash" BYTEA NOT NULL,
    "leasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentJobLease_pkey" PRIMARY KEY ("jobId")
);
