// lastSeenAt is what the Agents page shows as online/offline; writing it on every poll of a
// thousand agents would be needless load, so it is refreshed at most this often. Longer than the
// longest poll hold (55 s), or every poll would write it.
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** The longest an idle poll is held (AGENT_POLL_HOLD_SECONDS' maximum). */
const LONGEST_POLL_HOLD_MS = 55_000;

// A working agent is seen at most one resolution plus one hold ago, and that is written a few
// seconds later (presence-refreshes.ts); past that (and a margin for a reconnect) it has stopped
// polling.
export const AGENT_ONLINE_WINDOW_MS = LAST_SEEN_RESOLUTION_MS + LONGEST_POLL_HOLD_MS + 35_000;

export function isAgentOnline(lastSeenAt: Date | null, now = Date.now()): boolean {
  return lastSeenAt !== null && now - lastSeenAt.getTime() <= AGENT_ONLINE_WINDOW_MS;
}
