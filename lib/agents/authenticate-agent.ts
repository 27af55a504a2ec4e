import { announceAgentEvent } from "@/lib/agents/agent-events";
import { isAgentOnline, LAST_SEEN_RESOLUTION_MS } from "@/lib/agents/agent-presence";
import { findAgentByCredential } from "@/lib/agents/find-agent-by-credential";
import { parseAgentCredential } from "@/lib/agents/protocol";
import { preparedStatement, type Sql } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type AgentActingContext, actingTenant } from "@/lib/tenants/acting-context";

// Every agent request comes through here, a thousand held polls' worth: so its statements are
// plain SQL on the shared pool (lib/db.ts getSql), not Prisma, whose per-query cost was most of a
// poll's (docs/PERFORMANCE.md). No cache: each request reads the agent's row, so a revoked or
// rotated credential is refused at its next request on every instance, with nothing to invalidate.
// Timestamps are read and written as UTC, as Prisma keeps them (`timestamp` without a zone).

function agentRevoked(revokedAt: Date): AppError {
  return new AppError(
    "agent_revoked",
    `This agent was revoked on ${revokedAt.toISOString()}. Pair it again with a new code if it should keep working.`,
  );
}

/**
 * Refuses the acting agent if it was revoked since its request was authenticated: a poll held for
 * half a minute checks again before it hands out a job (in the hand-out's transaction, so a
 * refusal puts the job back).
 */
export async function assertAgentNotRevoked(options: {
  sql: Sql;
  acting: AgentActingContext;
}): Promise<void> {
  const { rows } = await options.sql.query<{ revokedAt: Date | null }>(
    `SELECT "revokedAt" AT TIME ZONE 'UTC' AS "revokedAt" FROM "Agent" WHERE "id" = $1 AND "tenantId" = $2`,
    [options.acting.actor.agentId, options.acting.tenant.id],
  );
  const revokedAt = rows[0]?.revokedAt;
  if (revokedAt) throw agentRevoked(revokedAt);
}

const AGENT_SEEN = preparedStatement(
  "hw_agent_seen",
  `UPDATE "Agent" SET "lastSeenAt" = now() AT TIME ZONE 'UTC', "lastSeenFrom" = $2
   WHERE "id" = $1 AND "tenantId" = $3`,
);

/**
 * Finds the agent behind `Authorization: Bearer hwa1.…` and says who acts: the agent, in its
 * tenant. Refuses unknown and revoked credentials.
 */
export async function authenticateAgent(options: {
  sql: Sql;
  authorization: string | null;
  sourceAddress: string;
  userAgent: string | null;
}): Promise<AgentActingContext> {
  const credential = options.authorization?.replace(/^Bearer\s+/i, "") ?? "";
  const parsed = parseAgentCredential(credential);
  if (!parsed)
    throw new AppError("unauthenticated", "This request carries no agent credential. Pair the agent first.");
  const agent = await findAgentByCredential(options.sql, credential);
  if (!agent || agent.id !== parsed.agentId) {
    throw new AppError(
      "unauthenticated",
      "This agent credential is not valid (it may have been rotated). Pair the agent again.",
    );
  }
  if (agent.revokedAt) throw agentRevoked(agent.revokedAt);
  const acting: AgentActingContext = {
    tenant: actingTenant({ ...agent, id: agent.tenantId }),
    actor: { kind: "agent", agentId: agent.id, name: agent.name },
    role: "agent",
    sourceAddress: options.sourceAddress,
    userAgent: options.userAgent,
  };
  if (!agent.lastSeenAt || Date.now() - agent.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await options.sql.query(AGENT_SEEN([agent.id, options.sourceAddress, acting.tenant.id]));
    // The Agents page turns an agent green the moment it comes back, not at its next reload.
    if (!isAgentOnline(agent.lastSeenAt)) {
      await announceAgentEvent({ tenantId: acting.tenant.id, agentId: agent.id, type: "seen" });
    }
  }
  return acting;
}
