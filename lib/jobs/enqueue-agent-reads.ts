import type { PgBoss } from "pg-boss";
import { type AgentRead, isReadCmdlet, MAX_READS_PER_JOB } from "@/lib/agents/protocol";
import { AppError } from "@/lib/errors";
import { queueFor, sendAgentJob, ZReadsJobDataSchema } from "@/lib/jobs/agent-jobs";
import type { OnPremisesSession } from "@/lib/jobs/on-premises-session";
import type { ActingContext } from "@/lib/tenants/acting-context";

/**
 * Queues several read cmdlets as ONE agent job: the agent runs them in one remote PowerShell
 * session and reports a result per read, so gathering costs one round trip, not one per cmdlet.
 * Only reads may share a job: a write stays a job of its own, retried and reported alone.
 */
export async function enqueueAgentReads(options: {
  queue: PgBoss;
  acting: Pick<ActingContext, "tenant">;
  reads: AgentRead[];
  /** Same key, same job: a second gather with the key while the first is queued is refused. */
  idempotencyKey: string;
  /** The Exchange server to open the session on; the agent's own when absent. */
  server?: string;
  /** The run's own on-premises account and its agent; any of the tenant's agents, as itself, when absent. */
  session?: OnPremisesSession;
}): Promise<string> {
  const { acting, reads } = options;
  const refused = reads.filter((read) => !isReadCmdlet(read.cmdlet)).map((read) => read.cmdlet);
  if (refused.length > 0) {
    throw new AppError(
      "bad_request",
      `Only the agent's read cmdlets may share a job; ${refused.join(", ")} must each be a job of its own.`,
    );
  }
  if (reads.length === 0 || reads.length > MAX_READS_PER_JOB) {
    throw new AppError(
      "bad_request",
      `A reads job holds 1 to ${MAX_READS_PER_JOB} reads, not ${reads.length}: split the reads over several jobs.`,
    );
  }
  const { session } = options;
  const { boss, name } = await queueFor(options.queue, acting, session?.agentId);
  const data = ZReadsJobDataSchema.parse({
    reads,
    idempotencyKey: options.idempotencyKey,
    ...(options.server ? { server: options.server } : {}),
    ...(session ? { sessionCredential: session.sessionCredential } : {}),
  });
  return sendAgentJob(boss, name, data, { singletonKey: options.idempotencyKey });
}
