import { createHash } from "node:crypto";
import { QUEUE_SCHEMA } from "@/lib/jobs/get-queue";
import { subscribe } from "@/lib/realtime/pg-notifications";

// Wakes long-polls the moment a job is queued, in every web instance. The agent queues are made
// with pg-boss's `notify`: its insert announces the job in the same statement, on the channel it
// names after its schema (pg-boss's notifyChannelSql: "pgboss_" and the first 24 hex digits of the
// schema's SHA-224), with the queue's name as the payload.
const CHANNEL = `pgboss_${createHash("sha224").update(QUEUE_SCHEMA).digest("hex").slice(0, 24)}`;

export interface JobWakeup {
  /**
   * Resolves with true at the first announcement in the armed queues since arming, or when the
   * listener was lost (nobody knows what was missed): time to look in them. False after
   * `timeoutMs`, or when `signal` aborts.
   */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  cancel(): void;
}

/**
 * Starts listening for `queues` (an agent's own and its tenant's) before the caller looks in them,
 * so a job queued between "looked, found nothing" and "started waiting" still wakes it.
 */
export async function armJobWakeup(queues: readonly string[]): Promise<JobWakeup> {
  let woken = false;
  let wake: () => void = () => {};
  // Called for these queues' announcements only, and when the listener was lost.
  const onAnnounced = () => {
    woken = true;
    wake();
  };
  const unsubscribers = await Promise.all(queues.map((queue) => subscribe(CHANNEL, onAnnounced, queue)));
  const unsubscribe = () => {
    for (const stop of unsubscribers) stop();
  };
  return {
    async wait(timeoutMs, signal) {
      if (!woken && !signal?.aborted) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => wake(), timeoutMs);
          const onAbort = () => wake();
          signal?.addEventListener("abort", onAbort, { once: true });
          wake = () => {
            clearTimeout(timer);
            signal?.removeEventListener("abort", onAbort);
            resolve();
          };
        });
      }
      unsubscribe();
      return woken;
    },
    cancel: unsubscribe,
  };
}
