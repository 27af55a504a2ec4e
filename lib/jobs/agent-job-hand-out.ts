import type { PgBoss } from "pg-boss";
import {
  type AgentCredential,
  credentialIsCurrent,
  credentialValues,
  refuseCredential,
} from "@/lib/agents/current-credential";
import type { AgentJob } from "@/lib/agents/protocol";
import { getSql, preparedStatement } from "@/lib/db";
import { type AgentQueues, leaseExpiry, queuesOf, ZAgentJobDataSchema } from "@/lib/jobs/agent-jobs";
import { QUEUE_SCHEMA } from "@/lib/jobs/get-queue";
import { leaseTokenSigner } from "@/lib/jobs/job-lease-tokens";
import { armJobWakeup, passJobWakeupOn } from "@/lib/jobs/job-wakeups";
import { pgBossQueueExecutor } from "@/lib/jobs/pg-boss-executor";
import { settleUnsupportedJob, unsupportedBecause } from "@/lib/jobs/unsupported-job";
import type { AgentActingContext } from "@/lib/tenants/acting-context";

// The hand-out: a long-poll's look at the agent's queues, its wait for an announcement, and the
// fetch that takes a job and leases it to the polling agent. What comes back from the agent
// (renewals, reports) is agent-jobs.ts's.

/** One queue's look, written once per queue: a scalar name plans to an index scan, prepared or not. */
const readyIn = (param: string) =>
  `EXISTS (SELECT 1 FROM ${QUEUE_SCHEMA}.job j WHERE j.name = ${param} AND j.state < 'active'
           AND NOT j.blocked AND j.start_after <= ${QUEUE_SCHEMA}.job_now())`;
const AGENT_QUEUES_READY = preparedStatement(
  "hw_agent_queues_ready",
  `SELECT ${readyIn("$1")} AS "own", ${readyIn("$2")} AS "tenant"
   FROM "Agent" a WHERE ${credentialIsCurrent("a", 3)} AND a."tenantId" = $5`,
);

/**
 * Which of an agent's two queues hold a job that can be taken now, in `names`' order. A read of
 * pg-boss's job table (the conditions its fetch takes a job by), on the shared pool and outside any
 * transaction: most polls find nothing, and then cost this one statement instead of a transaction
 * with a fetch per queue (docs/PERFORMANCE.md). Taking the job stays pg-boss's fetch, which may
 * still find it gone: another agent of the tenant took it first. The same statement proves the
 * poll's credential current (every poll looks first), and refuses it when it is not.
 */
async function queuesWithJobs(
  names: AgentQueues,
  acting: AgentActingContext,
  credential: AgentCredential,
): Promise<string[]> {
  const sql = getSql();
  const { rows } = await sql.query<{ own: boolean; tenant: boolean }>(
    AGENT_QUEUES_READY([...names, ...credentialValues(credential), acting.tenant.id]),
  );
  if (rows[0] === undefined) return refuseCredential(sql, credential);
  const [own, tenant] = names;
  return [...(rows[0].own ? [own] : []), ...(rows[0].tenant ? [tenant] : [])];
}

/** The first job waiting in `names`, in order, taken by pg-boss's fetch: one statement a queue. */
async function fetchFirst(boss: PgBoss, names: readonly string[]) {
  for (const name of names) {
    const db = pgBossQueueExecutor(getSql(), name);
    const [job] = await boss.fetch<unknown>(name, { includeMetadata: true, batchSize: 1, db });
    if (job) return { job, name };
  }
  return undefined;
}

/**
 * The first job waiting in `names`, taken and leased to the acting agent: the lease token is made,
 * not stored (job-lease-tokens.ts), so the fetch is all the hand-out writes. The look before it
 * proved the agent's credential current; an agent revoked in the moment between the two takes the
 * job, is refused at its next request, and the job goes back to the queue when its lease lapses,
 * as for one revoked just after the hand-out.
 */
async function takeNextJob(
  boss: PgBoss,
  names: readonly string[],
  options: { acting: AgentActingContext; capabilities: readonly string[] },
) {
  const signLease = leaseTokenSigner();
  const found = await fetchFirst(boss, names);
  if (!found) return null;
  const { job, name } = found;
  const { acting } = options;
  const data = ZAgentJobDataSchema.parse(job.data);
  const unsupported = unsupportedBecause(data, options.capabilities, acting.actor.name);
  if (unsupported) return { job, name, data, unsupported };
  const leaseToken = signLease({
    jobId: job.id,
    attempt: job.retryCount,
    queue: name,
    agentId: acting.actor.agentId,
    tenantId: acting.tenant.id,
  });
  return { job, name, data, leaseToken };
}

/**
 * Hands the agent's next job — its own queue's, else its tenant's — to the polling agent, waiting
 * up to `holdMs` for one to arrive; null when none came.
 */
export async function leaseNextAgentJob(options: {
  queue: PgBoss;
  acting: AgentActingContext;
  /** The poll's credential, proved current by its first look (selfCheckingAgentRoute). */
  credential: AgentCredential;
  /** What the agent said it can do (its poll's `capabilities`). */
  capabilities: readonly string[];
  holdMs: number;
  signal?: AbortSignal;
}): Promise<AgentJob | null> {
  const { signal, queue: boss } = options;
  const names = queuesOf(options.acting);
  const deadline = Date.now() + options.holdMs;
  // Woken, and not yet seen to find nothing: another poll must look instead if this one ends
  // having taken a job or without looking (job-wakeups.ts).
  let owesLook = false;
  try {
    for (;;) {
      const wakeup = await armJobWakeup(names);
      let handedOut: Awaited<ReturnType<typeof takeNextJob>> = null;
      try {
        // Every pass looks, a woken one too: the look proves the credential current before a
        // job is taken, and finds the job gone when another agent of the tenant took it first.
        const ready = await queuesWithJobs(names, options.acting, options.credential);
        if (ready.length > 0) handedOut = await takeNextJob(boss, ready, options);
      } catch (error) {
        wakeup.cancel(); // refused (revoked) or the database failed: nobody waits on this subscription
        throw error;
      }
      if (handedOut) {
        wakeup.cancel();
        const { job, name, data } = handedOut;
        if (handedOut.unsupported !== undefined) {
          await settleUnsupportedJob(boss, name, job, handedOut.unsupported);
          continue;
        }
        return { id: job.id, leaseToken: handedOut.leaseToken, leaseExpiresAt: leaseExpiry(), ...data };
      }
      owesLook = false;
      // Nothing announced for the whole hold: answer "nothing" without looking again. The agent
      // polls again at once, and its next poll looks first; a job that became available
      // unannounced meanwhile (a retry's delay ended, a lapsed lease) is found there, one round
      // trip later. A wake that came during the look is looked at, even at the hold's end.
      if (!(await wakeup.wait(deadline - Date.now(), signal))) return null;
      owesLook = true;
      if (signal?.aborted) return null;
    }
  } finally {
    if (owesLook) passJobWakeupOn(names);
  }
}
