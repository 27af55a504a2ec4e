import { AppError } from "@/lib/errors";

// Long-held requests (agent polls, event streams) each keep a socket, a database listener and
// memory for as long as they last. One credential may hold a few at once, more than legitimate use
// opens; the one past the cap is refused (429) rather than closing a live one, which its owner
// might still be reading. Counted per web instance: behind a load balancer one credential can hold
// up to the cap on each instance, which bounds what any instance carries, the thing at risk.

/** An agent polls once per job slot; several jobs at once, and a new poll just before the last ends. */
export const MAX_POLLS_PER_AGENT = 10;
/** An admin with several tabs open, each with its Agents page and a live run log. */
export const MAX_EVENT_STREAMS_PER_USER = 20;

const RETRY_AFTER_SECONDS = 5;
const held = new Map<string, number>();

/**
 * Counts one more held request for `key`, or refuses it when `limit` are already held here. The
 * returned release is idempotent: call it however the request ends.
 */
export function holdConnection(options: { key: string; limit: number; what: string }): () => void {
  const current = held.get(options.key) ?? 0;
  if (current >= options.limit) {
    throw new AppError(
      "rate_limited",
      `Too many ${options.what} open at once with this credential (at most ${options.limit}). Close one, or wait for one to end.`,
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
      { headers: { "retry-after": String(RETRY_AFTER_SECONDS) } },
    );
  }
  held.set(options.key, current + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(options.key) ?? 1) - 1;
    if (left > 0) held.set(options.key, left);
    else held.delete(options.key);
  };
}
