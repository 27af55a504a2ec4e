// An agent that polls holds each request up to AGENT_POLL_HOLD_SECONDS (30 s by default) and its
// last-seen time is refreshed at most every 15 s, so a working agent is never seen less recently
// than ~45 s ago. Past this window it has stopped polling.
export const AGENT_ONLINE_WINDOW_MS = 75_000;

export function isAgentOnline(lastSeenAt: Date | null, now = Date.now()): boolean {
  return lastSeenAt !== null && now - lastSeenAt.getTime() <= AGENT_ONLINE_WINDOW_MS;
}
