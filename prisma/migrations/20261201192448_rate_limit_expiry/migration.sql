-- AlterTable: existing counters expire 15 minutes after their window began (the pairing limit's window).
ALTER TABLE "RateLimitCounter" ADD COLUMN     "expiresAt" TIMESTAMP(3);
UPDATE "RateLimitCounter" SET "expiresAt" = "windowStart" + interval '15 minutes';
ALTER TABLE "RateLimitCounter" ALTER COLUMN "expiresAt" SET NOT NULL;

-- CreateIndex
CREATE INDEX "RateLimitCounter_expiresAt_idx" ON "RateLimitCounter"("expiresAt");
