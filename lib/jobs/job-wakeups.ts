import { createHash } from "node:crypto";
import { QUEUE_SCHEMA } from "@/lib/jobs/get-queue";
import { subscribe } from "@/lib/realtime/pg-notifications";

// Wakes long-polls the moment a job is queued, in every web instance. The agent queues are made
// with pg-boss's `notify`: its insert announces the job in the same statement, on the channel it
// names after its schema (pg-boss's notifyChannelSql: "pgboss_" and the first 24 hex digits of the
// schema's SHA-224), with the queue's name as the payload.
//
// An announcement wakes one held poll of the queue in each process, the longest-waiting, not all:
// a hundred agents of one tenant waking for every job would each look, and all but one find
// nothing. The one woken hands the wake on (`passJobWakeupOn`) if it takes a job — there may be
// more: PostgreSQL folds identical announcements of one transaction into one — or if it ends
// without looking. The one that looks and finds nothing ends the chain: every job that was ready
// when it looked had been taken.
const CHANNEL = `pgboss_${createHash("sha224").update(QUEUE_SCHEMA).digest("hex").slice(0, 24)}`;

export interface JobWakeup {
  /**
   * Resolves with true once this poll is woken — by an announcement in the armed queues since
   * arming, by a wake passed on, or because the listener was lost (nobody knows what was missed):
   * time to look in them. False after `timeoutMs`, or when `signal` aborts.
   */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  cancel(): void;
}

interface Waiter {
  wake(): void;
}

/** One queue's held polls in this process, the longest-waiting first, and its subscription. */
interface QueueWaiters {
  waiters: Set<Waiter>;
  subscribed: Promise<() => void>;
}

const byQueue = new Map<string, QueueWaiters>();

function wakeNext(waiters: Set<Waiter>): void {
  const [next] = waiters;
  next?.wake();
}

async function join(queue: string, waiter: Waiter): Promise<void> {
  let entry = byQueue.get(queue);
  if (!entry) {
    const waiters = new Set<Waiter>();
    const subscribed = subscribe(
      CHANNEL,
      (payload) => {
        if (payload !== "") return wakeNext(waiters);
        // The listener was lost: everyone looks. A wake takes its waiter out of the set.
        for (const waiter of [...waiters]) waiter.wake();
      },
      queue,
    );
    const created: QueueWaiters = { waiters, subscribed };
    subscribed.catch(() => {
      if (byQueue.get(queue) === created) byQueue.delete(queue);
    });
    byQueue.set(queue, created);
    entry = created;
  }
  entry.waiters.add(waiter);
  await entry.subscribed;
}

function leave(queue: string, waiter: Waiter): void {
  const entry = byQueue.get(queue);
  if (!entry?.waiters.delete(waiter) || entry.waiters.size > 0) return;
  byQueue.delete(queue);
  entry.subscribed.then(
    (unsubscribe) => unsubscribe(),
    () => {},
  );
}

/** Wakes the next held poll of each of `queues` in this process, if one waits. */
export function passJobWakeupOn(queues: readonly string[]): void {
  for (const queue of queues) {
    const entry = byQueue.get(queue);
    if (entry) wakeNext(entry.waiters);
  }
}

/**
 * Starts listening for `queues` (an agent's own and its tenant's) before the caller looks in them,
 * so a job queued between "looked, found nothing" and "started waiting" still wakes it.
 */
export async function armJobWakeup(queues: readonly string[]): Promise<JobWakeup> {
  let woken = false;
  let endWait: (() => void) | undefined;
  const leaveAll = () => {
    for (const queue of queues) leave(queue, waiter);
  };
  const waiter: Waiter = {
    wake() {
      woken = true;
      leaveAll();
      endWait?.();
    },
  };
  try {
    await Promise.all(queues.map((queue) => join(queue, waiter)));
  } catch (error) {
    leaveAll();
    throw error;
  }
  return {
    async wait(timeoutMs, signal) {
      if (!woken && timeoutMs > 0 && !signal?.aborted) {
        await new Promise<void>((resolve) => {
          const end = () => {
            // Out of the queues at once: a wake must not go to a poll that is no longer waiting.
            leaveAll();
            clearTimeout(timer);
            signal?.removeEventListener("abort", end);
            endWait = undefined;
            resolve();
          };
          const timer = setTimeout(end, timeoutMs);
          signal?.addEventListener("abort", end, { once: true });
          endWait = end;
        });
      }
      leaveAll();
      return woken;
    },
    cancel: leaveAll,
  };
}
