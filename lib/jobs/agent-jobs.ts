import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { AgentCredential } from "@/lib/agents/current-credential";
import {
  type CompleteJobRequest,
  type FailJobRequest,
  isAllowedCmdlet,
  type SealedSecret,
  ZParameterNameSchema,
} from "@/lib/agents/protocol";
import { getSql } from "@/lib/db";
import { getQueueEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { redeemLeaseToken } from "@/lib/jobs/job-lease-tokens";
import { assertResultWithinLimit } from "@/lib/jobs/job-result-limit";
import { announceJobSettled } from "@/lib/jobs/job-settlements";
import { pgBossPreparedExecutor, pgBossQueueExecutor } from "@/lib/jobs/pg-boss-executor";
import type { ActingContext, AgentActingContext } from "@/lib/tenants/acting-context";

// On-premises work for a tenant waits in that tenant's queue; any of the tenant's
// agents may take it. Work only one agent can do — it carries secrets sealed for that agent's key
// (a run's own on-premises account, sealed parameters) — waits in that agent's queue instead,
// which no other agent polls. A handed-out job is leased: the agent's heartbeats renew it
// (pg-boss heartbeatSeconds), and a lapsed lease puts it back for another attempt.
// The lease token is a MAC of the hand-out (job-lease-tokens.ts), standing for the attempt number
// pg-boss checks, so a result for an old attempt, or from another agent, is refused.
// Each operation takes the process's pg-boss (`getQueue()`) as `queue` and the acting context:
// the queue is the acting tenant's, so an agent only ever sees its own tenant's jobs.

const ZSealedSchema = z.custom<SealedSecret>();

const ZCmdletJobDataSchema = z.object({
  cmdlet: z.string(),
  // Refused when queued: a job the agent would refuse must not reach it.
  parameters: z.record(ZParameterNameSchema, z.unknown()),
  sealedParameters: z.record(ZParameterNameSchema, ZSealedSchema).optional(),
  server: z.string().optional(),
  sessionCredential: ZSealedSchema.optional(),
  idempotencyKey: z.string(),
});
export type AgentJobData = z.infer<typeof ZCmdletJobDataSchema>;

/** Several reads in one job (lib/jobs/enqueue-agent-reads.ts). */
export const ZReadsJobDataSchema = z.object({
  reads: z.array(z.object({ cmdlet: z.string(), parameters: z.record(z.string(), z.unknown()) })),
  server: z.string().optional(),
  sessionCredential: ZSealedSchema.optional(),
  idempotencyKey: z.string(),
});
export type ReadsJobData = z.infer<typeof ZReadsJobDataSchema>;

export const ZAgentJobDataSchema = z.union([ZReadsJobDataSchema, ZCmdletJobDataSchema]);

/** What an agent reported: the cmdlet's output, or the Exchange error that settles it. */
export type AgentJobOutcome =
  | { outcome: "succeeded"; result: CompleteJobRequest["result"] }
  | {
      outcome: "failed";
      error: FailJobRequest["error"];
      warnings: string[];
      timings: FailJobRequest["timings"];
    };

/** The tenant's queue, or with `agentId` that one agent's (under the tenant's, so never another tenant's). */
export function agentQueueName(tenantId: string, agentId?: string): string {
  return agentId ? `onprem-${tenantId}/agent-${agentId}` : `onprem-${tenantId}`;
}

/** The acting tenant's queue, or with `agentId` the queue of that one agent of the tenant. */
export async function queueFor(
  boss: PgBoss,
  acting: Pick<ActingContext, "tenant">,
  agentId?: string,
): Promise<{ boss: PgBoss; name: string }> {
  const name = agentQueueName(acting.tenant.id, agentId);
  await ensureQueue(boss, name, {
    heartbeatSeconds: getQueueEnv().AGENT_LEASE_SECONDS,
    // Transient failures (a dropped remote PowerShell session) are retried with growing waits.
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 60,
    expireInSeconds: 3600,
    // The insert announces the job to the polls waiting on this queue (job-wakeups.ts).
    notify: true,
  });
  return { boss, name };
}

/**
 * A job with secrets sealed for one agent's key goes to that agent's queue: any other agent of the
 * tenant could not open them, and must not take the job only to fail it.
 */
function assertTargetedWhenSealed(
  data: Pick<AgentJobData, "sealedParameters" | "sessionCredential">,
  agentId: string | undefined,
): void {
  const sealed = data.sessionCredential !== undefined || Object.keys(data.sealedParameters ?? {}).length > 0;
  if (sealed && !agentId) {
    throw new AppError(
      "bad_request",
      "A job with sealed secrets must name the agent they were sealed for; no other agent can open them.",
    );
  }
}

export async function enqueueAgentJob(options: {
  queue: PgBoss;
  acting: ActingContext;
  data: AgentJobData;
  /** The one agent that may take the job (the one its secrets are sealed for); any of the tenant's when absent. */
  agentId?: string;
  /**
   * Handed to an agent at most once: a lapsed lease or a transient failure settles it instead of
   * putting it back. For a write whose caller reads the object before trying again (the update's):
   * a second delivery would write without that read.
   */
  deliverOnce?: boolean;
}): Promise<string> {
  const { data } = options;
  if (!isAllowedCmdlet(data.cmdlet)) {
    throw new AppError("bad_request", `${data.cmdlet} is not a cmdlet the on-premises agent runs.`);
  }
  assertTargetedWhenSealed(data, options.agentId);
  const { boss, name } = await queueFor(options.queue, options.acting, options.agentId);
  return sendAgentJob(boss, name, ZCmdletJobDataSchema.parse(data), {
    singletonKey: data.idempotencyKey,
    ...(options.deliverOnce ? { retryLimit: 0 } : {}),
  });
}

/** Queues a job of either kind in queue `name`, once per idempotency key; its insert wakes the polls on it. */
export async function sendAgentJob(
  boss: PgBoss,
  name: string,
  data: AgentJobData | ReadsJobData,
  options: { singletonKey: string; retryLimit?: number },
): Promise<string> {
  const id = await boss.send(name, data, { ...options, db: pgBossQueueExecutor(getSql(), name) });
  if (!id)
    throw new AppError("conflict", `A job with idempotency key ${options.singletonKey} is already queued.`);
  return id;
}

export function leaseExpiry(): string {
  return new Date(Date.now() + getQueueEnv().AGENT_LEASE_SECONDS * 1000).toISOString();
}

/**
 * The queues an agent takes jobs from: its own first (work only it can do), then its tenant's.
 * Named, not made: a queue exists once a job is queued in it, and pg-boss's upkeep costs every
 * queue, so ten thousand agents that never get a sealed job make no queue of their own.
 */
export function queuesOf(acting: AgentActingContext): AgentQueues {
  return [agentQueueName(acting.tenant.id, acting.actor.agentId), agentQueueName(acting.tenant.id)];
}

/** An agent's own queue, then its tenant's. */
export type AgentQueues = readonly [own: string, tenant: string];

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

/** What an agent's report (a heartbeat, a result) names: the job, and the lease token it was handed. */
interface AgentReport {
  queue: PgBoss;
  acting: AgentActingContext;
  /** The report's credential, proved current by the lease's lookup (selfCheckingAgentRoute). */
  credential: AgentCredential;
  jobId: string;
}

/** The job a report's lease token leases to the reporting agent, and the attempt it is. */
const leaseOf = (report: AgentReport, token: string) =>
  redeemLeaseToken({
    sql: getSql(),
    credential: report.credential,
    tenantId: report.acting.tenant.id,
    queues: queuesOf(report.acting),
    jobId: report.jobId,
    token,
  });

/** Where a report's pg-boss command runs: the shared pool, its statement prepared once per connection. */
const settling = () => pgBossPreparedExecutor(getSql());

export async function renewAgentJobLease(options: AgentReport & { leaseToken: string }): Promise<string> {
  const boss = options.queue;
  const { queue: name, lease } = await leaseOf(options, options.leaseToken);
  assertHeld(await boss.touch(name, lease, { db: settling() }));
  return leaseExpiry();
}

export async function completeAgentJob(options: AgentReport & { body: CompleteJobRequest }): Promise<void> {
  const { body, queue: boss } = options;
  assertResultWithinLimit(body.result);
  const outcome: AgentJobOutcome = { outcome: "succeeded", result: body.result };
  const { queue: name, lease } = await leaseOf(options, body.leaseToken);
  assertHeld(await boss.complete(name, lease, outcome, { db: settling() }));
  await announceJobSettled(lease.id);
}

/**
 * A transient failure goes back to the queue for another attempt; an Exchange
 * refusal settles the job — retrying "already exists" would only say it again.
 */
export async function failAgentJob(options: AgentReport & { body: FailJobRequest }): Promise<void> {
  const { body, queue: boss } = options;
  const outcome: AgentJobOutcome = {
    outcome: "failed",
    error: body.error,
    warnings: body.warnings,
    timings: body.timings,
  };
  const { queue: name, lease } = await leaseOf(options, body.leaseToken);
  const response = body.error.transient
    ? await boss.fail(name, lease, outcome, { db: settling() })
    : await boss.complete(name, lease, outcome, { db: settling() });
  assertHeld(response);
  await announceJobSettled(lease.id);
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
  /** The agent the job was queued for, if it was queued for one. */
  agentId?: string;
}): Promise<AgentJobStatus | null> {
  const { boss, name } = await queueFor(options.queue, options.acting, options.agentId);
  const [job] = await boss.findJobs<AgentJobData>(name, { id: options.jobId });
  if (!job) return null;
  return {
    state: job.state,
    attempts: job.retryCount + 1,
    outcome: job.state === "completed" || job.state === "failed" ? (job.output as AgentJobOutcome) : null,
  };
}
