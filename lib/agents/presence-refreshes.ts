import { getSql, preparedStatement } from "@/lib/db";
import { getLogger } from "@/lib/logger";

// An online agent's lastSeenAt is refreshed once a minute (agent-presence.ts): with 10,000 agents
// on one instance that was 170 single-row updates a second, each its own commit waiting for the
// WAL flush. Those routine refreshes are gathered here and written together, one statement and
// one commit every few seconds. Only refreshes wait: an agent that comes back online is written at
// once by authenticate-agent.ts, so the Agents page hears of it then. What waits here is a few
// seconds of an online agent's presence, which the online window's margin covers; a process that
// ends loses at most that much, and the agent's next refresh writes it again.

/** How long a refresh may wait to be written with others. */
export const PRESENCE_FLUSH_MS = 5_000;

/**
 * Each row is matched by the agent's id and its tenant, both taken from the acting context that
 * authenticated it; a revoked agent is not refreshed. Never earlier than it was: another instance
 * may have seen the agent since.
 */
const REFRESH_PRESENCE = preparedStatement(
  "hw_agent_presence_refresh",
  `UPDATE "Agent" a SET "lastSeenAt" = GREATEST(a."lastSeenAt", v."seenAt" AT TIME ZONE 'UTC'), "lastSeenFrom" = v."from"
   FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[]) AS v("id", "tenantId", "seenAt", "from")
   WHERE a."id" = v."id" AND a."tenantId" = v."tenantId" AND a."revokedAt" IS NULL`,
);

interface PendingRefresh {
  tenantId: string;
  seenAt: Date;
  from: string;
}

const pending = new Map<string, PendingRefresh>();
let flushTimer: NodeJS.Timeout | undefined;

/** Records that the agent was seen now, from `from`; written with others within PRESENCE_FLUSH_MS. */
export function refreshPresence(agent: { id: string; tenantId: string }, from: string): void {
  pending.set(agent.id, { tenantId: agent.tenantId, seenAt: new Date(), from });
  flushTimer ??= setTimeout(() => {
    flushPresence().catch((error: unknown) =>
      getLogger().warn({ err: error }, "agents' presence not written; their next refresh writes it"),
    );
  }, PRESENCE_FLUSH_MS).unref();
}

/** Writes every refresh recorded so far, in one statement. */
export async function flushPresence(): Promise<void> {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  if (pending.size === 0) return;
  const batch = [...pending];
  pending.clear();
  await getSql().query(
    REFRESH_PRESENCE([
      batch.map(([id]) => id),
      batch.map(([, refresh]) => refresh.tenantId),
      batch.map(([, refresh]) => refresh.seenAt),
      batch.map(([, refresh]) => refresh.from),
    ]),
  );
}
