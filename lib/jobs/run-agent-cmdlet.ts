import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import type { Db } from "@/lib/db";
import { type AgentJobData, enqueueAgentJob } from "@/lib/jobs/agent-jobs";
import { awaitAgentJob, type SettledAgentJob } from "@/lib/jobs/await-agent-job";
import type { OnPremisesSession } from "@/lib/jobs/on-premises-session";
import type { ActingContext } from "@/lib/tenants/acting-context";

/**
 * One on-premises cmdlet (a write, or a read of its own) queued for the tenant's agents, and its
 * settled outcome awaited over NOTIFY: what running a plan's operation on-premises takes.
 */
export async function runAgentCmdlet(options: {
  db: Db;
  queue: PgBoss;
  acting: ActingContext;
  cmdlet: string;
  parameters: AgentJobData["parameters"];
  sealedParameters?: AgentJobData["sealedParameters"];
  server?: string;
  /** The run's own on-premises account and its agent; any of the tenant's agents, as itself, when absent. */
  session?: OnPremisesSession;
  /** The operation's key: the same key while its job is queued is refused, not run twice. */
  idempotencyKey?: string;
  timeoutMs: number;
}): Promise<SettledAgentJob> {
  const { db, queue, acting, cmdlet, session } = options;
  const agentId = session?.agentId;
  const jobId = await enqueueAgentJob({
    queue,
    acting,
    ...(agentId ? { agentId } : {}),
    data: {
      cmdlet,
      parameters: options.parameters,
      ...(options.sealedParameters ? { sealedParameters: options.sealedParameters } : {}),
      ...(options.server ? { server: options.server } : {}),
      ...(session ? { sessionCredential: session.sessionCredential } : {}),
      idempotencyKey: options.idempotencyKey ?? `cmdlet-${randomUUID()}`,
    },
  });
  return awaitAgentJob({
    db,
    queue,
    acting,
    jobId,
    ...(agentId ? { agentId } : {}),
    timeoutMs: options.timeoutMs,
    describe: cmdlet,
  });
}
