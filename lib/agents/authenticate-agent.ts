import { announceAgentEvent } from "@/lib/agents/agent-events";
import { isAgentOnline, LAST_SEEN_RESOLUTION_MS } from "@/lib/agents/agent-presence";
import {
  type AgentCredential,
  agentRevoked,
  credentialIsCurrent,
  credentialNotValid,
  credentialValues,
  refuseCredential,
} from "@/lib/agents/current-credential";
import { type AgentRow, findAgentByCredentialHash } from "@/lib/agents/find-agent-by-credential";
import { recallAgent, rememberAgent } from "@/lib/agents/known-agents";
import { refreshPresence } from "@/lib/agents/presence-refreshes";
import { parseAgentCredential } from "@/lib/agents/protocol";
import { sha256 } from "@/lib/crypto/hashing";
import { preparedStatement, type Sql } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type AgentActingContext, actingTenant } from "@/lib/tenants/acting-context";

// Every agent request comes through here, a thousand held polls' worth: so its statements are
// plain SQL on the shared pool (lib/db.ts getSql), not Prisma, whose per-query cost was most of a
// poll's (docs/PERFORMANCE.md). The agent is looked up by its credential's hash, unless the route
// proves the credential current in its own statement (current-credential.ts): then who the agent
// is may come from this process's memory of it (known-agents.ts). Either way a revoked or rotated
// credential is refused at its next request on every instance.
// Timestamps are read and written as UTC, as Prisma keeps them (`timestamp` without a zone).

// Records the agent seen, if its credential is current (so it also proves that), and says when it
// was seen before: another instance may have seen it since this one remembered it.
const AGENT_SEEN = preparedStatement(
  "hw_agent_seen",
  `UPDATE "Agent" a SET "lastSeenAt" = now() AT TIME ZONE 'UTC', "lastSeenFrom" = $4
   FROM (SELECT "lastSeenAt" FROM "Agent" WHERE "id" = $1) AS before
   WHERE ${credentialIsCurrent("a", 1)} AND a."tenantId" = $3
   RETURNING before."lastSeenAt" AT TIME ZONE 'UTC' AS "previous"`,
);

/**
 * Writes lastSeenAt when it is older than its resolution. An online agent's refresh is written
 * with others' (presence-refreshes.ts): its credential was proved by the lookup or by the route.
 * An agent coming back is written at once, and the Agents page hears of its return then.
 */
async function recordSeen(sql: Sql, agent: AgentRow, credential: AgentCredential, sourceAddress: string) {
  if (agent.lastSeenAt && Date.now() - agent.lastSeenAt.getTime() <= LAST_SEEN_RESOLUTION_MS) return agent;
  if (isAgentOnline(agent.lastSeenAt)) {
    refreshPresence(agent, sourceAddress);
    return { ...agent, lastSeenAt: new Date() };
  }
  const { rows } = await sql.query<{ previous: Date | null }>(
    AGENT_SEEN([...credentialValues(credential), agent.tenantId, sourceAddress]),
  );
  if (rows[0] === undefined) return refuseCredential(sql, credential);
  if (!isAgentOnline(rows[0].previous)) {
    await announceAgentEvent({ tenantId: agent.tenantId, agentId: agent.id, type: "seen" });
  }
  return { ...agent, lastSeenAt: new Date() };
}

/** Who acts, and the credential the route's statements may check (current-credential.ts). */
export interface AuthenticatedAgent {
  acting: AgentActingContext;
  credential: AgentCredential;
}

/**
 * Finds the agent behind `Authorization: Bearer hwa1.…` and says who acts: the agent, in its
 * tenant. Refuses unknown and revoked credentials. With `provedByRoute`, the route's own first
 * statement proves the credential current, and an agent this process remembers is not looked up.
 */
export async function authenticateAgent(options: {
  sql: Sql;
  authorization: string | null;
  sourceAddress: string;
  userAgent: string | null;
  provedByRoute: boolean;
}): Promise<AuthenticatedAgent> {
  const token = options.authorization?.replace(/^Bearer\s+/i, "") ?? "";
  const parsed = parseAgentCredential(token);
  if (!parsed)
    throw new AppError("unauthenticated", "This request carries no agent credential. Pair the agent first.");
  const hash = Buffer.from(sha256(token));
  const recalled = options.provedByRoute ? recallAgent(hash) : undefined;
  const found = recalled ?? (await findAgentByCredentialHash(options.sql, hash));
  if (!found || found.id !== parsed.agentId) throw credentialNotValid();
  if (found.revokedAt) throw agentRevoked(found.revokedAt);
  const credential: AgentCredential = { agentId: found.id, hash };
  const agent = await recordSeen(options.sql, found, credential, options.sourceAddress);
  if (agent !== recalled) rememberAgent(hash, agent);
  return {
    acting: {
      tenant: actingTenant({ ...agent, id: agent.tenantId }),
      actor: { kind: "agent", agentId: agent.id, name: agent.name },
      role: "agent",
      sourceAddress: options.sourceAddress,
      userAgent: options.userAgent,
    },
    credential,
  };
}
