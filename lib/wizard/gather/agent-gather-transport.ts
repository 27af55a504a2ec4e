import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import { MAX_READS_PER_JOB } from "@/lib/agents/protocol";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { awaitAgentJob } from "@/lib/jobs/await-agent-job";
import { enqueueAgentReads } from "@/lib/jobs/enqueue-agent-reads";
import type { ActingContext } from "@/lib/tenants/acting-context";
import type { ClockSample, GatherTransport, ReadAnswer } from "./gather-transport";
import type { ReadInvocation } from "./read-list";

/** Time for an agent to take a gather's job and run its reads (a slow Exchange takes seconds per cmdlet). */
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/**
 * On-premises reads through the tenant's paired agent: the reads go out as one job (or a few, past
 * MAX_READS_PER_JOB), run in one remote PowerShell session, and each settled outcome is awaited
 * over NOTIFY. The job's result carries the agent's clock, compared with the database's.
 */
export function agentGatherTransport(options: AgentTransportOptions): GatherTransport {
  return {
    side: "OnPremises",
    async read(invocations: readonly ReadInvocation[]) {
      const chunks: ReadInvocation[][] = [];
      for (let start = 0; start < invocations.length; start += MAX_READS_PER_JOB) {
        chunks.push(invocations.slice(start, start + MAX_READS_PER_JOB));
      }
      const settled = await Promise.all(chunks.map((chunk) => readChunk(options, chunk)));
      return { answers: settled.flatMap((chunk) => chunk.answers), clock: settled.at(-1)?.clock };
    },
  };
}

interface AgentTransportOptions {
  db: Db;
  queue: PgBoss;
  acting: Pick<ActingContext, "tenant">;
  timeoutMs?: number;
  /** The Exchange server the agent opens its session on (the Environment page's); the agent's own when absent. */
  server?: string | undefined;
}

async function readChunk(
  options: AgentTransportOptions,
  invocations: ReadInvocation[],
): Promise<{ answers: ReadAnswer[]; clock?: ClockSample }> {
  const describe = [...new Set(invocations.map((invocation) => invocation.cmdlet))].join(", ");
  const jobId = await enqueueAgentReads({
    queue: options.queue,
    acting: options.acting,
    reads: invocations.map((invocation) => ({
      cmdlet: invocation.cmdlet,
      parameters: invocation.parameters,
    })),
    idempotencyKey: `gather-${randomUUID()}`,
    ...(options.server ? { server: options.server } : {}),
  });
  const { outcome, settledAt } = await awaitAgentJob({
    db: options.db,
    queue: options.queue,
    acting: options.acting,
    jobId,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    describe,
  });
  if (outcome.outcome === "failed") {
    throw new AppError(
      "unavailable",
      `The on-premises agent could not read ${describe}: ${outcome.error.message}${outcome.error.transient ? " (it was retried; the remote PowerShell session kept failing: HCW8083/8084/8100)" : ""}`,
      { errorId: outcome.error.errorId, category: outcome.error.category },
    );
  }
  const reads = outcome.result.reads ?? [];
  if (reads.length !== invocations.length) {
    throw new AppError(
      "unavailable",
      `The on-premises agent answered ${reads.length} of ${invocations.length} reads; update the agent.`,
    );
  }
  const agentClock = outcome.result.agentClock;
  return {
    answers: reads.map(({ cmdlet: _cmdlet, ...answer }) => answer),
    clock: agentClock ? { remote: new Date(agentClock), service: settledAt } : undefined,
  };
}
