/**
 * Reports a job's result, retrying through outages for as long as the agent holds the job's lease
 * (its heartbeats go on meanwhile). Whatever happens here nothing is lost: a job the agent could
 * not report stays with the server and is handed out again when its lease ends (operations are
 * idempotent, so running one twice is safe, but once is what the admin's log should show).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { CompleteJobRequest, FailJobRequest } from "@/lib/agents/protocol";
import { type AgentLog, formatSeconds } from "../agent-log";
import { type BackoffPolicy, createBackoff } from "../backoff";
import { AgentServerError } from "../http/agent-http-errors";
import type { AgentClient } from "../http/create-agent-client";

// A small cap: once the service is back, the report should land within seconds, well inside the lease.
const REPORT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 4_000 };
/** Once the agent is stopping, one quick try: a service manager waits only so long. */
const REPORT_WHILE_STOPPING_MS = 5_000;

export type JobReport =
  | { kind: "complete"; body: CompleteJobRequest }
  | { kind: "fail"; body: FailJobRequest };

/** Returns true when the server accepted the report. */
export async function reportJobOutcome(options: {
  client: AgentClient;
  jobId: string;
  report: JobReport;
  log: AgentLog;
  /** The job's lease is no longer this agent's: a report would be refused. */
  leaseLost: AbortSignal;
  /** The agent is stopping: try once, briefly. */
  stopping: AbortSignal;
}): Promise<boolean> {
  const { client, jobId, report, log, leaseLost, stopping } = options;
  const backoff = createBackoff(REPORT_BACKOFF);
  for (;;) {
    const signal = stopping.aborted ? AbortSignal.timeout(REPORT_WHILE_STOPPING_MS) : undefined;
    try {
      if (report.kind === "complete") await client.complete(jobId, report.body, signal);
      else await client.fail(jobId, report.body, signal);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof AgentServerError && error.status < 500 && error.status !== 429) {
        // 409: the lease ran out and the job went back to the queue; 4xx: retrying the same report cannot help.
        log.warn(
          `job ${jobId}: the server did not take the report (${error.code}: ${message}); it will hand the job out again`,
        );
        return false;
      }
      if (leaseLost.aborted || stopping.aborted) {
        log.warn(
          `job ${jobId}: could not report (${message}); the server will hand the job out again when its lease ends`,
        );
        return false;
      }
      const delay =
        error instanceof AgentServerError && error.retryAfterMs ? error.retryAfterMs : backoff.nextDelayMs();
      log.warn(`job ${jobId}: could not report (${message}); trying again in ${formatSeconds(delay)}`);
      await sleep(delay, undefined, { signal: AbortSignal.any([stopping, leaseLost]) }).catch(() => {});
    }
  }
}
