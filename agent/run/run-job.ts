/** One job, start to finish: keep its lease, open its secrets, run its cmdlet, report. */
import { oversizeResultProblem } from "@/lib/agents/job-result-size";
import {
  type AgentJob,
  type CmdletJob,
  type CompleteJobRequest,
  isReadsJob,
  type JobError,
  type JobTimings,
} from "@/lib/agents/protocol";
import { type AgentLog, formatSeconds } from "../agent-log";
import { CmdletError, type Executor, toJobError } from "../executors/executor";
import type { AgentClient } from "../http/create-agent-client";
import { AGENT_VERSION } from "../version";
import { keepLease } from "./keep-lease";
import { openJobParameters } from "./open-job-parameters";
import { type JobReport, reportJobOutcome } from "./report-job-outcome";
import { runReads } from "./run-reads";

const STOPPED_MID_JOB: JobError = {
  message:
    "The agent was stopped while the cmdlet ran; it may or may not have taken effect. Running it again is safe.",
  category: "OperationStopped",
  errorId: "AgentStopped",
  transient: true,
};

/** The service never grants a shorter lease (AGENT_LEASE_SECONDS' minimum). */
const SHORTEST_LEASE_MS = 10_000;

function describeJob(job: AgentJob): string {
  if (isReadsJob(job)) {
    return `${job.reads.length} read${job.reads.length === 1 ? "" : "s"}${job.server ? ` on ${job.server}` : ""} (${job.reads.map((read) => read.cmdlet).join(", ")})`;
  }
  const plain = Object.keys(job.parameters).length;
  const sealed = Object.keys(job.sealedParameters ?? {}).length;
  // Parameter values are never logged: some are secrets, and all of them are the tenant's data.
  return `${job.cmdlet}${job.server ? ` on ${job.server}` : ""} (${plain} parameter${plain === 1 ? "" : "s"}${sealed ? `, ${sealed} sealed` : ""})`;
}

function measure(startedAt: Date): JobTimings {
  const finishedAt = new Date();
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
  };
}

function whatRan(job: AgentJob): string {
  return isReadsJob(job) ? `${job.reads.length} read(s)` : job.cmdlet;
}

async function runCmdlet(job: CmdletJob, executor: Executor, privateKey: CryptoKey, signal: AbortSignal) {
  const { parameters, credentials } = await openJobParameters(job, privateKey);
  return executor.execute({ cmdlet: job.cmdlet, parameters, credentials, server: job.server, signal });
}

export async function runJob(options: {
  job: AgentJob;
  serverDate: Date | undefined;
  client: AgentClient;
  executor: Executor;
  privateKey: CryptoKey;
  log: AgentLog;
  /** The agent is stopping. */
  signal: AbortSignal;
}): Promise<void> {
  const { job, client, executor, log, signal } = options;
  const work = new AbortController();
  const stopWork = () => work.abort(signal.reason);
  signal.addEventListener("abort", stopWork, { once: true });
  let lostBecause: string | undefined;
  const lease = keepLease({
    client,
    jobId: job.id,
    leaseToken: job.leaseToken,
    leaseExpiresAt: job.leaseExpiresAt,
    serverDate: options.serverDate,
    log,
    onLost: (reason) => {
      lostBecause = reason;
      work.abort();
    },
  });

  log.info(`job ${job.id}: running ${describeJob(job)}`);
  const startedAt = new Date();
  let report: JobReport;
  try {
    const output: Omit<CompleteJobRequest["result"], "timings"> = isReadsJob(job)
      ? { objects: [], ...(await runReads(job, executor, work.signal)) }
      : await runCmdlet(job, executor, options.privateKey, work.signal);
    const timings = measure(startedAt);
    const result: CompleteJobRequest["result"] = { ...output, timings, agentClock: new Date().toISOString() };
    const tooLarge = oversizeResultProblem(result, isReadsJob(job) ? undefined : job.cmdlet);
    if (tooLarge) {
      throw new CmdletError({
        message: tooLarge,
        category: "LimitsExceeded",
        errorId: "ResultTooLarge",
        transient: false,
      });
    }
    report = { kind: "complete", body: { leaseToken: job.leaseToken, result } };
    const objects = output.reads
      ? output.reads.reduce((sum, read) => sum + (read.ok ? read.objects.length : 0), 0)
      : output.objects.length;
    const refused = output.reads?.filter((read) => !read.ok).length ?? 0;
    log.info(
      `job ${job.id}: ${whatRan(job)} succeeded in ${formatSeconds(timings.durationMs)} — ` +
        `${objects} object(s), ${output.warnings.length} warning(s)${refused ? `, ${refused} read(s) refused by Exchange` : ""}`,
    );
  } catch (error) {
    const timings = measure(startedAt);
    const jobError = signal.aborted ? STOPPED_MID_JOB : toJobError(error);
    report = { kind: "fail", body: { leaseToken: job.leaseToken, error: jobError, warnings: [], timings } };
    if (!lostBecause) {
      log.warn(
        `job ${job.id}: ${whatRan(job)} failed after ${formatSeconds(timings.durationMs)}` +
          `${jobError.transient ? " (transient: it will be retried)" : ""}: ${jobError.message}` +
          `${jobError.errorId ? ` [${jobError.category ?? "?"}, ${jobError.errorId}]` : ""}`,
      );
    }
  } finally {
    signal.removeEventListener("abort", stopWork);
  }

  try {
    if (lostBecause) {
      log.warn(`job ${job.id}: stopped working on it without reporting: ${lostBecause}`);
      return;
    }
    // The lease is kept alive while reporting, so a slow report does not lose the job.
    if (
      await reportJobOutcome({ client, jobId: job.id, report, log, leaseLost: lease.lost, stopping: signal })
    ) {
      log.info(`job ${job.id}: reported ${report.kind === "complete" ? "success" : "failure"}`);
    }
  } finally {
    lease.stop();
  }
}

/** A job this agent cannot parse (often: the agent is older than the service) goes back as failed, not retried. */
export async function failUnreadableJob(options: {
  client: AgentClient;
  lease: { id: string; leaseToken: string };
  problem: string;
  log: AgentLog;
  signal: AbortSignal;
}): Promise<void> {
  const { client, lease, problem, log } = options;
  log.error(`job ${lease.id}: cannot read it (${problem}); handing it back as failed`);
  const now = new Date();
  await reportJobOutcome({
    client,
    jobId: lease.id,
    log,
    // No lease is kept for a job the agent cannot read: try for as long as the shortest lease lasts.
    leaseLost: AbortSignal.timeout(SHORTEST_LEASE_MS),
    stopping: options.signal,
    report: {
      kind: "fail",
      body: {
        leaseToken: lease.leaseToken,
        error: {
          message: `Agent ${AGENT_VERSION} cannot read this job (${problem}). Update the agent.`,
          category: "InvalidData",
          errorId: "UnreadableJob",
          transient: false,
        },
        warnings: [],
        timings: measure(now),
      },
    },
  });
}
