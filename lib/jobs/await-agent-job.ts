import type { PgBoss } from "pg-boss";
import { isAgentOnline } from "@/lib/agents/agent-presence";
import type { Db } from "@/lib/db";
import { getQueueEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type AgentJobOutcome, queueFor } from "@/lib/jobs/agent-jobs";
import { subscribeJobSettled } from "@/lib/jobs/job-settlements";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

export interface SettledAgentJob {
  outcome: AgentJobOutcome;
  attempts: number;
  /** When the queue took the report, by the database's clock: the service's time for clock-skew checks. */
  settledAt: Date;
}

const SETTLED_STATES = new Set(["completed", "failed"]);

const leaseLookMs = () => {
  const env = getQueueEnv();
  return (env.AGENT_LEASE_SECONDS + env.QUEUE_MONITOR_INTERVAL_SECONDS) * 1000;
};

/** What a job says when its agent vanished mid-job: its lease lapsed and pg-boss settled it unreported. */
const LEASE_LAPSED = {
  message:
    "The agent stopped answering while it ran the job (its lease ran out, nothing was reported): whether the cmdlet took effect is not known.",
  category: "OperationStopped",
  errorId: "LeaseLapsed",
  transient: true,
};

/** The agent's report, or for a job settled by its lapsed lease (pg-boss's own note) that lapse as a failure. */
function outcomeOf(job: {
  output: unknown;
  startedOn?: Date | null;
  completedOn?: Date | null;
}): AgentJobOutcome {
  const output = job.output as AgentJobOutcome | { value?: unknown };
  if ("outcome" in output) return output;
  const finishedAt = job.completedOn ?? new Date();
  const startedAt = job.startedOn ?? finishedAt;
  return {
    outcome: "failed",
    error: LEASE_LAPSED,
    warnings: [],
    timings: {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    },
  };
}

/**
 * Waits for an agent job's settled outcome: a success, an Exchange refusal, or a failure whose
 * retries ran out. Woken by the NOTIFY the complete and fail routes send (in whichever instance
 * the agent reached), not by polling the queue; a transient failure that will be retried is
 * not settled, so the wait goes on until the retry reports or `timeoutMs` runs out. A job handed out
 * once only (`deliverOnce`) whose agent vanished settles unreported: a failure, transient.
 */
export async function awaitAgentJob(options: {
  db: Db;
  queue: PgBoss;
  acting: Pick<ActingContext, "tenant">;
  jobId: string;
  /** The agent the job was queued for, if it was queued for one. */
  agentId?: string;
  timeoutMs: number;
  /** What the job does, for the timeout message: "Get-ExchangeServer, Get-AcceptedDomain". */
  describe: string;
  signal?: AbortSignal;
}): Promise<SettledAgentJob> {
  const { acting, jobId } = options;
  const { boss, name } = await queueFor(options.queue, acting, options.agentId);
  let reported = false;
  let wake = () => {};
  const unsubscribe = await subscribeJobSettled(jobId, () => {
    reported = true;
    wake();
  });
  try {
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      // Subscribed before looking: a report that lands between this look and the wait still wakes it.
      reported = false;
      const [job] = await boss.findJobs(name, { id: jobId });
      if (!job) throw new AppError("not_found", `No on-premises job ${jobId} for this tenant.`);
      if (job.state === "cancelled") {
        throw new AppError(
          "conflict",
          `The on-premises job for ${options.describe} was cancelled before an agent reported on it.`,
        );
      }
      if (SETTLED_STATES.has(job.state) && job.output) {
        return {
          outcome: outcomeOf(job),
          attempts: job.retryCount + 1,
          settledAt: job.completedOn ?? new Date(),
        };
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0 || options.signal?.aborted) {
        throw await lateError({
          ...options,
          state: job.state,
          lastOutcome: job.output as AgentJobOutcome | null,
        });
      }
      if (!reported) {
        // A lease that lapses sends no word (its agent is gone), nor does an agent taking the job:
        // the job is looked at again once a lease could have run out and been noticed.
        const wait = Math.min(remaining, leaseLookMs());
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => wake(), wait);
          const onAbort = () => wake();
          options.signal?.addEventListener("abort", onAbort, { once: true });
          wake = () => {
            clearTimeout(timer);
            options.signal?.removeEventListener("abort", onAbort);
            wake = () => {};
            resolve();
          };
        });
      }
    }
  } finally {
    unsubscribe();
  }
}

/** Names the agents that should have answered, how recently each was seen, and what to check. */
async function lateError(options: {
  db: Db;
  acting: Pick<ActingContext, "tenant">;
  timeoutMs: number;
  describe: string;
  state: string;
  lastOutcome: AgentJobOutcome | null;
}): Promise<AppError> {
  const agents = await options.db.agent.findMany({
    where: { ...tenantScope(options.acting), revokedAt: null },
    select: { name: true, lastSeenAt: true },
    orderBy: { name: "asc" },
  });
  const seconds = Math.round(options.timeoutMs / 1000);
  const who =
    agents.length === 0
      ? "No agent is paired with this tenant: pair one on the Agents page."
      : `Agents: ${agents
          .map(
            (agent) =>
              `"${agent.name}" (${isAgentOnline(agent.lastSeenAt) ? "online" : "offline"}, last seen ${agent.lastSeenAt?.toISOString() ?? "never"})`,
          )
          .join(", ")}.`;
  const where =
    options.state === "active"
      ? "An agent took the job but has not reported yet."
      : options.state === "retry"
        ? `The last attempt failed and waits to be retried: ${options.lastOutcome?.outcome === "failed" ? options.lastOutcome.error.message : "no details"}`
        : "No agent has taken the job yet.";
  return new AppError(
    "unavailable",
    `The on-premises agent did not finish ${options.describe} within ${seconds} s. ${where} ${who} ` +
      "Check that the agent's service is running and can reach this service, and that remote PowerShell " +
      "to the Exchange server works (HCW8083/8084/8100: the session dropped; WinRM running, http://<server>/powershell reachable).",
    { state: options.state, agents: agents.map((agent) => agent.name) },
  );
}
