import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { DbTransaction } from "@/lib/db";
import type { Side } from "@/lib/generated/prisma/enums";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { pgBossExecutor, pgBossFlowExecutor } from "@/lib/jobs/pg-boss-executor";
import type { PlanSide } from "@/lib/wizard/plan/plan-types";
import { planSide } from "./operation-side";

// The update's operations as pg-boss jobs of the update's own pg-boss (getUpdateQueue, its own
// schema, whose flow resolver runs every second), one per write, inserted together at confirm as one
// flow whose dependencies are the plan's: pg-boss itself holds a job back until every job it depends
// on has completed, so the order is the queue's, not a loop of ours. A failed job never completes,
// so what depends on it stays held and everything else goes on. Jobs of both queues are worked in
// every web instance (start-update-workers.ts), Microsoft Graph's on a queue of their own; a job
// whose worker died (a restart) misses its heartbeats and pg-boss hands it to another. Jobs are
// queued and retried in the transaction that writes their Operation rows (pg-boss's `db` option on
// the Prisma transaction's connection), so a running run always has its jobs: a process that dies
// mid-confirm leaves neither.

export const UPDATE_QUEUES = {
  OnPremises: "wizard-update-on-premises",
  Online: "wizard-update-online",
  Graph: "wizard-update-graph",
} as const satisfies Record<PlanSide, string>;

/** The job of one operation; its id is the Operation row's id. */
export const ZOperationJobDataSchema = z.object({
  tenantId: z.uuid(),
  runId: z.uuid(),
  operationId: z.uuid(),
});
export type OperationJobData = z.infer<typeof ZOperationJobDataSchema>;

/**
 * Retries are for the service's own troubles (a restart, Exchange Online unreachable, an agent
 * not answering yet); an Exchange refusal or drift ends the job at once (`deadletter`). Generous,
 * since an operation is safe to run again: it reads its object before it writes.
 */
export const OPERATION_RETRY_LIMIT = 12;

/** A worker that stops heartbeating (the process died) gives its jobs back within this. */
export const OPERATION_HEARTBEAT_SECONDS = 10;

export async function ensureUpdateQueues(boss: PgBoss): Promise<void> {
  for (const name of Object.values(UPDATE_QUEUES)) {
    await ensureQueue(boss, name, {
      heartbeatSeconds: OPERATION_HEARTBEAT_SECONDS,
      retryLimit: OPERATION_RETRY_LIMIT,
      retryDelay: 2,
      retryBackoff: true,
      retryDelayMax: 60,
      // An on-premises operation waits for the agent to take its job: hours, if need be.
      expireInSeconds: 6 * 3600,
    });
  }
}

/** The queue of an Operation row's job. */
export function updateQueueOf(side: Side): string {
  return UPDATE_QUEUES[planSide(side)];
}

/** A confirmed write as its job: its Operation row's id, plan operation and dependencies. */
export interface OperationJobRow {
  id: string;
  tenantId: string;
  runId: string;
  planOperationId: string;
  side: Side;
  sequence: number;
  dependsOn: string[];
}

/**
 * Queues a confirmed plan's writes in `tx` (call ensureUpdateQueues before the transaction): one
 * flow, each job held until those it depends on complete. `total` is the plan's operation count,
 * so that among jobs ready at once the plan's order wins (they share their creation time).
 */
export async function queueOperationJobs(
  boss: PgBoss,
  tx: DbTransaction,
  rows: readonly OperationJobRow[],
  total: number,
): Promise<void> {
  if (rows.length === 0) return;
  const jobs = rows.map((row) => ({
    ref: row.planOperationId,
    name: updateQueueOf(row.side),
    data: { tenantId: row.tenantId, runId: row.runId, operationId: row.id } satisfies OperationJobData,
    options: { id: row.id, group: { id: row.tenantId }, priority: total - row.sequence },
    dependsOn: row.dependsOn,
  }));
  if (jobs.some((job) => job.dependsOn.length > 0)) {
    await boss.flow(jobs, { db: pgBossFlowExecutor(tx) });
    return;
  }
  // pg-boss's flow refuses a flow without a dependency: independent writes (a certificate
  // change's) are sent as they are, queue by queue.
  for (const name of new Set(jobs.map((job) => job.name))) {
    await boss.insert(
      name,
      jobs.filter((job) => job.name === name).map((job) => ({ ...job.options, data: job.data })),
      { db: pgBossExecutor(tx) },
    );
  }
}

/**
 * Sends ended operation jobs back to their queues (Retry, or resume after a pause), in `tx`: the
 * operations' rows set pending and their jobs sent back commit together. pg-boss moves only failed
 * jobs; jobs still held behind a dependency are left as they are. Call ensureUpdateQueues first.
 */
export async function retryOperationJobs(
  boss: PgBoss,
  tx: DbTransaction,
  operations: readonly { id: string; side: Side }[],
): Promise<void> {
  for (const side of ["onPremises", "exchangeOnline", "graph"] as const) {
    const ids = operations.filter((operation) => operation.side === side).map((operation) => operation.id);
    if (ids.length > 0) await boss.retry(updateQueueOf(side), ids, { db: pgBossExecutor(tx) });
  }
}
