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
import { type DbTransaction, getDb } from "@/lib/db";
import { getQueueEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { issueLeaseToken, redeemLeaseToken, releaseLeaseToken } from "@/lib/jobs/job-lease-tokens";
import { assertResultWithinLimit } from "@/lib/jobs/job-result-limit";
import { announceJobSettled } from "@/lib/jobs/job-settlements";
import { announceJob, armJobWakeup } from "@/lib/jobs/job-wakeups";
import type { ActingContext, AgentActingContext } from "@/lib/tenants/acting-context";

// On-premises work for a tenant waits in that tenant's queue; any of the tenant's
// agents may take it. A handed-out job is leased: the agent's heartbeats renew it
// (pg-boss heartbeatSeconds), and a lapsed lease puts it back for another attempt.
// The lease token is a random nonce per hand-out (job-lease-tokens.ts), standing for the attempt
// number pg-boss checks, so a result for an old attempt is refused.
// Each operation takes the process's pg-boss (`getQueue()`) as `queue` and the acting context:
// the queue is the acting tenant's, so an agent only ever sees its own tenant's jobs.

const ZCmdletJobDataSchema = z.object({
  cmdlet: z.string(),
  // Refused when queued: a job the agent would refuse must not reach it.
  parameters: z.record(ZParameterNameSchema, z.unknown()),
  sealedParameters: z.record(ZParameterNameSchema, z.custom<SealedSecret>()).optional(),
  server: z.string().optional(),
  idempotencyKey: z.string(),
});
export type AgentJobData = z.infer<typeof ZCmdletJobDataSchema>;

/** Several reads in one job (lib/jobs/enqueue-agent-reads.ts). */
export const ZReadsJobDataSchema = z.object({
  reads: z.array(z.object({ cmdlet: z.string(), parameters: z.record(z.string(), z.unknown()) })),
  server: z.string().optional(),
  idempotencyKey: z.string(),
});
export type ReadsJobData = z.infer<typeof ZReadsJobDataSchema>;

const ZAgentJobDataSchema = z.union([ZReadsJobDataSchema, ZCmdletJobDataSchema]);

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

export async function queueFor(
  boss: PgBoss,
  acting: Pick<ActingContext, "tenant">,
): Promise<{ boss: PgBoss; name: string }> {
  const name = agentQueueName(acting.tenant.id);
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

export async function enqueueAgentJob(options: {
  queue: PgBoss;
  acting: ActingContext;
  data: AgentJobData;
}): Promise<string> {
  const { data } = options;
  if (!isAllowedCmdlet(data.cmdlet)) {
    throw new AppError("bad_request", `${data.cmdlet} is not a cmdlet the on-premises agent runs.`);
  }
  const { boss, name } = await queueFor(options.queue, options.acting);
  const id = await boss.send(name, ZCmdletJobDataSchema.parse(data), { singletonKey: data.idempotencyKey });
  if (!id)
    throw new AppError("conflict", `A job with idempotency key ${data.idempotencyKey} is already queued.`);
  await announceJob(name);
  return id;
}

/** pg-boss's SQL run on a Prisma transaction's connection, so it commits or rolls back with it. */
function pgBossExecutor(tx: DbTransaction) {
  return {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values),
    }),
  };
}

function leaseExpiry(): string {
  return new Date(Date.now() + getQueueEnv().AGENT_LEASE_SECONDS * 1000).toISOString();
}

/**
 * Hands the tenant's next job to a polling agent, waiting up to `holdMs` for one
 * to arrive; null when none came.
 */
export async function leaseNextAgentJob(options: {
  queue: PgBoss;
  acting: AgentActingContext;
  holdMs: number;
  signal?: AbortSignal;
}): Promise<AgentJob | null> {
  const { signal } = options;
  const { boss, name } = await queueFor(options.queue, options.acting);
  const deadline = Date.now() + options.holdMs;
  for (;;) {
    const wakeup = await armJobWakeup(name);
    // Taking the job and issuing its lease token are one transaction: were the database to fail
    // between the two, the job would be active with no agent holding it until its lease lapsed.
    const handedOut = await getDb().$transaction(async (tx) => {
      const [job] = await boss.fetch<unknown>(name, {
        includeMetadata: true,
        batchSize: 1,
        db: pgBossExecutor(tx),
      });
      if (!job) return null;
      return { job, leaseToken: await issueLeaseToken({ db: tx, jobId: job.id, attempt: job.retryCount }) };
    });
    if (handedOut) {
      wakeup.cancel();
      const { job, leaseToken } = handedOut;
      return {
        id: job.id,
        leaseToken,
        leaseExpiresAt: leaseExpiry(),
        ...ZAgentJobDataSchema.parse(job.data),
      };
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0 || signal?.aborted) {
      wakeup.cancel();
      return null;
    }
    await wakeup.wait(remaining, signal);
  }
}

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

/**
 * A lease token refused for a job its tenant's queue does not hold at all (another tenant's id,
 * or none ever handed out) is a 404, not a lost lease: the agent is told no such job is its own,
 * and learns nothing of other tenants' jobs. Looked up only when the token was refused.
 */
async function refuseJobNotInQueue(boss: PgBoss, name: string, jobId: string): Promise<void> {
  const [job] = await boss.findJobs(name, { id: jobId });
  if (!job) throw new AppError("not_found", "There is no job with this id for this agent's tenant.");
}

/** The attempt a lease token stands for; a job the tenant's queue does not hold is a 404 first. */
async function leaseOf(boss: PgBoss, name: string, jobId: string, token: string) {
  try {
    return await redeemLeaseToken({ db: getDb(), jobId, token });
  } catch (error) {
    await refuseJobNotInQueue(boss, name, jobId);
    throw error;
  }
}

const settled = async (lease: { id: string; retryCount: number }) => {
  await releaseLeaseToken({ db: getDb(), jobId: lease.id, attempt: lease.retryCount });
  await announceJobSettled(lease.id);
};

export async function renewAgentJobLease(options: {
  queue: PgBoss;
  acting: AgentActingContext;
  jobId: string;
  leaseToken: string;
}): Promise<string> {
  const { boss, name } = await queueFor(options.queue, options.acting);
  assertHeld(await boss.touch(name, await leaseOf(boss, name, options.jobId, options.leaseToken)));
  return leaseExpiry();
}

export async function completeAgentJob(options: {
  queue: PgBoss;
  acting: AgentActingContext;
  jobId: string;
  body: CompleteJobRequest;
}): Promise<void> {
  const { body } = options;
  const { boss, name } = await queueFor(options.queue, options.acting);
  assertResultWithinLimit(body.result);
  const outcome: AgentJobOutcome = { outcome: "succeeded", result: body.result };
  const lease = await leaseOf(boss, name, options.jobId, body.leaseToken);
  assertHeld(await boss.complete(name, lease, outcome));
  await settled(lease);
}

/**
 * A transient failure goes back to the queue for another attempt; an Exchange
 * refusal settles the job — retrying "already exists" would only say it again.
 */
export async function failAgentJob(options: {
  queue: PgBoss;
  acting: AgentActingContext;
  jobId: string;
  body: FailJobRequest;
}): Promise<void> {
  const { body } = options;
  const { boss, name } = await queueFor(options.queue, options.acting);
  const outcome: AgentJobOutcome = {
    outcome: "failed",
    error: body.error,
    warnings: body.warnings,
    timings: body.timings,
  };
  const lease = await leaseOf(boss, name, options.jobId, body.leaseToken);
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

export async function getAgentJobStatus(options: {
  queue: PgBoss;
  acting: ActingContext;
  jobId: string;
}): Promise<AgentJobStatus | null> {
  const { boss, name } = await queueFor(options.queue, options.acting);
  const [job] = await boss.findJobs<AgentJobData>(name, { id: options.jobId });
  if (!job) return null;
  return {
    state: job.state,
    attempts: job.retryCount + 1,
    outcome: job.state === "completed" || job.state === "failed" ? (job.output as AgentJobOutcome) : null,
  };
}
