import type { PgBoss } from "pg-boss";
import { AGENT_CAPABILITIES } from "@/lib/agents/protocol";
import type { AgentJobData, AgentJobOutcome, ReadsJobData } from "@/lib/jobs/agent-jobs";
import { announceJobSettled } from "@/lib/jobs/job-settlements";

/**
 * Why the polling agent must not be handed this job, or undefined when it may: an agent that does
 * not say it can open a session as the run's own account would drop the credential unread and run
 * the cmdlets as itself, silently.
 */
export function unsupportedBecause(
  data: AgentJobData | ReadsJobData,
  capabilities: readonly string[],
  agentName: string,
): string | undefined {
  if (data.sessionCredential && !capabilities.includes(AGENT_CAPABILITIES.sessionCredential)) {
    return (
      `This job runs as the run's own on-premises account, which agent "${agentName}" cannot do: it is ` +
      "older than the service. Update the agent (download it again and restart its service), then retry."
    );
  }
  return undefined;
}

/** Settles a job the agent was not handed as failed, with why, so its run says so rather than waits. */
export async function settleUnsupportedJob(
  boss: PgBoss,
  name: string,
  job: { id: string; retryCount: number },
  why: string,
): Promise<void> {
  const now = new Date().toISOString();
  const outcome: AgentJobOutcome = {
    outcome: "failed",
    error: { message: why, category: "NotImplemented", errorId: "AgentTooOld", transient: false },
    warnings: [],
    timings: { startedAt: now, finishedAt: now, durationMs: 0 },
  };
  await boss.complete(name, { id: job.id, retryCount: job.retryCount }, outcome);
  await announceJobSettled(job.id);
}
