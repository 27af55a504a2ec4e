import { notify, subscribe } from "@/lib/realtime/pg-notifications";

// Tells whoever awaits a job (lib/jobs/await-agent-job.ts), in any web instance or worker, that
// an agent reported on it. The payload is the job id; the awaiter reads the job's state itself.
const JOB_SETTLED_CHANNEL = "hw_agent_job_settled";

export function announceJobSettled(jobId: string): Promise<void> {
  return notify(JOB_SETTLED_CHANNEL, jobId);
}

/**
 * Calls `onReport` at each report on `jobId` — and with nothing to go on when the listener was
 * lost, which the caller treats the same: look at the job again.
 */
export function subscribeJobSettled(jobId: string, onReport: () => void): Promise<() => void> {
  return subscribe(JOB_SETTLED_CHANNEL, () => onReport(), jobId);
}
