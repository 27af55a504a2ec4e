import type { PgBoss } from "pg-boss";
import { z } from "zod";
import {
  type AgentJob,
  type CompleteJobRequest,
  type FailJobRequest,
  isAllowedCmdlet,
  type SealedSecret,
  ZParameterNameSchema,
} from "@/lib/agents/protocol";
import { getDb } from "@/lib/db";
import { getQueueEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getQueue } from "@/lib/jobs/get-queue";
import { issueLeaseToken, redeemLeaseToken, releaseLeaseToken } from "@/lib/jobs/job-lease-tokens";
import { announceJob, armJobWakeup } from "@/lib/jobs/job-wakeups";

// On-premises work for a tenant waits in that tenant's queue; any of the tenant's
// agents may take it. A handed-out job is leased: the agent's heartbeats renew it
// (pg-boss heartbeatSeconds), and a lapsed lease puts it back for another attempt.
// The lease token is a random nonce per hand-out (job-lease-tokens.ts), standing for the attempt
// number pg-boss checks, so a result for an old attempt is refused.

const ZAgentJobDataSchema = z.object({
  cmdlet: z.string(),
  // Refused when queued: a job the agent would refuse must not reach it.
  parameters: z.record(ZParameterNameSchema, z.unknown()),
  sealedParameters: z.record(ZParameterNameSchema, z.custom<SealedSecret>()).optional(),
  server: z.string().optional(),
  idempotencyKey: z.string(),
});
export type AgentJobData = z.infer<typeof ZAgentJobDataSchema>;

/** What an agent reported: the cmdlet's output, or the Exchange error that settles it. */
export type AgentJobOutcome =
  | { outcome: "succeeded"; result: CompleteJobRequest["result"] }
  | {
      outcome: "failed";
      error: FailJobRequest["error"];
      warnings: string[];
      timings: FailJobRequest["timings"];
    };

export function agentQueueName(tenantId: string): string {
  return `onprem-${tenantId}`;
}

const createdQueues = new Set<string>();

async function queueFor(tenantId: string): Promise<{ boss: PgBoss; name: string }> {
  const boss = await getQueue();
  const name = agentQueueName(tenantId);
  if (!createdQueues.has(name)) {
    if (!(await boss.getQueue(name))) {
      await boss.createQueue(name, {
        heartbeatSeconds: getQueueEnv().AGENT_LEASE_SECONDS,
        // Transient failures (a dropped remote PowerShell session) are retried with growing waits.
        retryLimit: 5,
        retryDelay: 2,
        retryBackoff: true,
        retryDelayMax: 60,
        expireInSeconds: 3600,
      });
    }
    createdQueues.add(name);
  }
  return { boss, name };
}

export async function enqueueAgentJob(tenantId: string, data: AgentJobData): Promise<string> {
  if (!isAllowedCmdlet(data.cmdlet)) {
    throw new AppError("bad_request", `${data.cmdlet} is not a cmdlet the on-premises agent runs.`);
  }
  const { boss, name } = await queueFor(tenantId);
  const id = await boss.send(name, ZAgentJobDataSchema.parse(data), { singletonKey: data.idempotencyKey });
  if (!id)
    throw new AppError("conflict", `A job with idempotency key ${data.idempotencyKey} is already queued.`);
  await announceJob(name);
  return id;
}

function leaseExpiry(): string {
  return new Date(Date.now() + getQueueEnv().AGENT_LEASE_SECONDS * 1000).toISOString();
}

/**
 * Hands the tenant's next job to a polling agent, waiting up to `holdMs` for one
 * to arrive; null when none came.
 */
export async function leaseNextAgentJob(
  tenantId: string,
  holdMs: number,
  signal?: AbortSignal,
): Promise<AgentJob | null> {
  const { boss, name } = await queueFor(tenantId);
  const deadline = Date.now() + holdMs;
  for (;;) {
    const wakeup = await armJobWakeup(name);
    const [job] = await boss.fetch<AgentJobData>(name, { includeMetadata: true, batchSize: 1 });
    if (job) {
      wakeup.cancel();
      const data = ZAgentJobDataSchema.parse(job.data);
      const leaseToken = await issueLeaseToken({ db: getDb(), jobId: job.id, attempt: job.retryCount });
      return { id: job.id, leaseToken, leaseExpiresAt: leaseExpiry(), ...data };
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0 || signal?.aborted) {
      wakeup.cancel();
      return null;
    }
    await wakeup.wait(remaining, signal);
  }
}

const attempt = (jobId: string, token: string) => redeemLeaseToken({ db: getDb(), jobId, token });
const settled = (lease: { id: string; retryCount: number }) =>
  releaseLeaseToken({ db: getDb(), jobId: lease.id, attempt: lease.retryCount });

// pg-boss types its command responses as {}; they carry the count of jobs the command changed.
const ZCommandResponseSchema = z.object({ affected: z.number() });

function assertHeld(response: unknown): void {
  if (ZCommandResponseSchema.parse(response).affected === 0) {
    throw new AppError(
      "lease_lost",
      "This job is no longer leased to you (the lease ran out and the job went back to the queue, or it is finished).",
    );
  }
}

export async function renewAgentJobLease(
  tenantId: string,
  jobId: string,
  leaseToken: string,
): Promise<string> {
  const { boss, name } = await queueFor(tenantId);
  assertHeld(await boss.touch(name, await attempt(jobId, leaseToken)));
  return leaseExpiry();
}

export async function completeAgentJob(
  tenantId: string,
  jobId: string,
  body: CompleteJobRequest,
): Promise<void> {
  const { boss, name } = await queueFor(tenantId);
  const outcome: AgentJobOutcome = { outcome: "succeeded", result: body.result };
  const lease = await attempt(jobId, body.leaseToken);
  assertHeld(await boss.complete(name, lease, outcome));
  await settled(lease);
}

/**
 * A transient failure goes back to the queue for another attempt; an Exchange
 * refusal settles the job — retrying "already exists" would only say it again.
 */
export async function failAgentJob(tenantId: string, jobId: string, body: FailJobRequest): Promise<void> {
  const { boss, name } = await queueFor(tenantId);
  const outcome: AgentJobOutcome = {
    outcome: "failed",
    error: body.error,
    warnings: body.warnings,
    timings: body.timings,
  };
  const lease = await attempt(jobId, body.leaseToken);
  const response = body.error.transient
    ? await boss.fail(name, lease, outcome)
    : await boss.complete(name, lease, outcome);
  assertHeld(response);
  await settled(lease);
}

export interface AgentJobStatus {
  state: string;
  attempts: number;
  outcome: AgentJobOutcome | null;
}

export async function getAgentJobStatus(tenantId: string, jobId: string): Promise<AgentJobStatus | null> {
  const { boss, name } = await queueFor(tenantId);
  const [job] = await boss.findJobs<AgentJobData>(name, { id: jobId });
  if (!job) return null;
  return {
    state: job.state,
    attempts: job.retryCount + 1,
    outcome: job.state === "completed" || job.state === "failed" ? (job.output as AgentJobOutcome) : null,
  };
}
