import type { JobWithMetadata, PgBoss } from "pg-boss";
import type { Db } from "@/lib/db";
import { getLogger } from "@/lib/logger";
import { sendHealthAlert } from "../alerts/send-health-alert";
import {
  ensureHealthQueues,
  HEALTH_QUEUES,
  type HealthCheckJob,
  ZHealthCheckJobSchema,
  ZScheduledJobSchema,
} from "./health-queue";
import { runHealthCheck } from "./run-health-check";
import { runScheduledChecks } from "./run-scheduled-checks";

/** Checks at once per instance: each mostly waits for an agent or Exchange Online. */
const CHECK_CONCURRENCY = 10;
const POLL_SECONDS = 0.5;

// Health checks' workers, in every web instance beside the update's: a check job runs one
// customer's check; a schedule tick starts a batch for the partner; a scheduled batch's check that
// finds a problem or a change sends the partner's alerts.
export async function startHealthCheckWorkers(options: { db: Db; queue: PgBoss }): Promise<void> {
  const { db, queue } = options;
  await ensureHealthQueues(queue);
  await queue.work<
    HealthCheckJob,
    unknown,
    { includeMetadata: true; localConcurrency: number; pollingIntervalSeconds: number; batchSize: 1 }
  >(
    HEALTH_QUEUES.Check,
    {
      includeMetadata: true,
      localConcurrency: CHECK_CONCURRENCY,
      pollingIntervalSeconds: POLL_SECONDS,
      batchSize: 1,
    },
    async ([job]: JobWithMetadata<HealthCheckJob>[]) => {
      if (!job) return;
      const data = ZHealthCheckJobSchema.parse(job.data);
      const result = await runHealthCheck({ db, queue, ...data });
      if (result && (result.problems.length > 0 || result.changes.length > 0)) {
        await sendHealthAlert({ db, ...data, result }).catch((error: unknown) =>
          getLogger().warn(
            { checkId: data.checkId, reason: (error as Error).message },
            "health alert not sent",
          ),
        );
      }
    },
  );
  await queue.work(HEALTH_QUEUES.Scheduled, { pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    await runScheduledChecks({ db, queue, ...ZScheduledJobSchema.parse(job.data) });
  });
}
