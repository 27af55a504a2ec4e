import { notify, subscribe } from "@/lib/realtime/pg-notifications";

// Wakes long-polls the moment a job is queued, in every web instance.
const CHANNEL = "hw_agent_jobs";

export interface JobWakeup {
  /**
   * Resolves at the first announcement since arming (true), or after `timeoutMs` or when `signal`
   * aborts (false).
   */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  cancel(): void;
}

/**
 * Starts listening for `queues` (an agent's own and its tenant's) before the caller looks in them,
 * so a job queued between "looked, found nothing" and "started waiting" still wakes it.
 */
export async function armJobWakeup(queues: readonly string[]): Promise<JobWakeup> {
  let announced = false;
  let wake: () => void = () => {};
  // Called for these queues' announcements only, and with "" when the listener was lost: either
  // way, wake up and look in the queues.
  const onAnnounced = () => {
    announced = true;
    wake();
  };
  const unsubscribers = await Promise.all(queues.map((queue) => subscribe(CHANNEL, onAnnounced, queue)));
  const unsubscribe = () => {
    for (const stop of unsubscribers) stop();
  };
  return {
    async wait(timeoutMs, signal) {
      if (!announced && !signal?.aborted) {
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
      return announced;
    },
    cancel: unsubscribe,
  };
}

export function announceJob(queue: string): Promise<void> {
  return notify(CHANNEL, queue);
}
