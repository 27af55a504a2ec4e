import type { PgBoss } from "pg-boss";
import { z } from "zod";
import { ensureQueue } from "@/lib/jobs/ensure-queue";

// Health checks as pg-boss jobs, one per customer, worked in every web instance
// (start-health-check-workers.ts). A job's id is its HealthCheck row's. The schedule is a pg-boss
// schedule per partner on its own queue, which turns each tick into a batch of checks.

export const HEALTH_QUEUES = {
  Check: "partner-health-check",
  Scheduled: "partner-health-schedule",
} as const;

export const ZHealthCheckJobSchema = z.object({ tenantId: z.uuid(), checkId: z.uuid() });
export type HealthCheckJob = z.infer<typeof ZHealthCheckJobSchema>;

export const ZScheduledJobSchema = z.object({ partnerId: z.uuid() });
export type ScheduledJob = z.infer<typeof ZScheduledJobSchema>;

export async function ensureHealthQueues(boss: PgBoss): Promise<void> {
  for (const name of Object.values(HEALTH_QUEUES)) {
    // A check waits for its customer's agent a few minutes at most, then it is a finding; a
    // retry is for the service's own trouble (a restart mid-check).
    await ensureQueue(boss, name, {
      heartbeatSeconds: 10,
      retryLimit: 2,
      retryDelay: 5,
      expireInSeconds: 900,
    });
  }
}
