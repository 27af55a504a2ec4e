/** A reads job's work: every read in one session, a result per read, nothing cut short. */
import type { ReadResult, ReadsJob } from "@/lib/agents/protocol";
import { CmdletError, type Executor, type PlainCredential } from "../executors/executor";

export async function runReads(
  job: ReadsJob,
  executor: Executor,
  signal: AbortSignal,
  /** The run's own account, opened from the job; the agent's own when absent. */
  sessionCredential?: PlainCredential,
): Promise<{ reads: ReadResult[]; warnings: string[] }> {
  const outputs = await executor.executeReads({
    reads: job.reads,
    server: job.server,
    signal,
    ...(sessionCredential ? { sessionCredential } : {}),
  });
  const reads = outputs.map((output, index): ReadResult => ({ cmdlet: job.reads[index]!.cmdlet, ...output }));
  // A session that dropped part-way may have lost reads after it: run the whole job again, rather
  // than report a gather with holes in it.
  const dropped = reads.find((read) => !read.ok && read.error.transient);
  if (dropped && !dropped.ok)
    throw new CmdletError({ ...dropped.error, message: `${dropped.cmdlet}: ${dropped.error.message}` });
  return { reads, warnings: [] };
}
