import { LRUCache } from "lru-cache";
import type { AgentRow } from "@/lib/agents/find-agent-by-credential";

// Who the agents this process served lately are, by their credential's hash: it spares each of
// the channel's requests the statement that looks the agent up (docs/PERFORMANCE.md). It says who,
// never whether the agent may still act: a route that trusts it proves the credential current in
// its own first statement (current-credential.ts), so a revocation or a rotation made on any
// instance is refused at the next request, with nothing here to invalidate. Kept for a while only,
// so that a renamed agent or tenant reads its new name here too.

/** Above a partner's fleet on one process (10,000 agents), so that a full round of polls is all hits. */
const MAX_AGENTS = 50_000;
const KEPT_MS = 10 * 60_000;

const known = new LRUCache<string, AgentRow>({ max: MAX_AGENTS, ttl: KEPT_MS });

const keyOf = (hash: Buffer) => hash.toString("base64");

export function recallAgent(hash: Buffer): AgentRow | undefined {
  return known.get(keyOf(hash));
}

/** Remembers what was read of the agent; a later write (it was seen) does not keep it longer. */
export function rememberAgent(hash: Buffer, agent: AgentRow): void {
  known.set(keyOf(hash), agent, { noUpdateTTL: true });
}

export function forgetAgent(hash: Buffer): void {
  known.delete(keyOf(hash));
}
