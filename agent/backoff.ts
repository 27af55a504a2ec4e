/**
 * "Full jitter" exponential backoff: wait a random time between 0 and a ceiling that doubles per
 * failure, up to a cap. The randomness matters more than the growth: a thousand agents cut off
 * by the same outage spread their returns over the whole window instead of arriving together.
 */
export type BackoffPolicy = { baseMs: number; capMs: number };

export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

/** The ceiling for the n-th consecutive failure (n starts at 0). */
export function backoffCeilingMs(attempt: number, policy: BackoffPolicy = RECONNECT_BACKOFF): number {
  // 2^attempt overflows to Infinity for large attempts; Math.min still gives the cap.
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
}

export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy = RECONNECT_BACKOFF,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * backoffCeilingMs(attempt, policy));
}

/** Counts consecutive failures; `reset` after a success so the next outage starts small again. */
export function createBackoff(policy: BackoffPolicy = RECONNECT_BACKOFF, random: () => number = Math.random) {
  let attempt = 0;
  return {
    get attempt() {
      return attempt;
    },
    nextDelayMs(): number {
      const delay = backoffDelayMs(attempt, policy, random);
      attempt += 1;
      return delay;
    },
    reset(): void {
      attempt = 0;
    },
  };
}
export type Backoff = ReturnType<typeof createBackoff>;
