import { announceAgentEvent } from "@/lib/agents/agent-events";
import { isAgentOnline, LAST_SEEN_RESOLUTION_MS } from "@/lib/agents/agent-presence";
import { parseAgentCredential } from "@/lib/agents/protocol";
import { sha256 } from "@/lib/crypto/hashing";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type AgentActingContext, actingTenant } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/**
 * Finds the agent behind `Authorization: Bearer hwa1.…` and says who acts: the agent, in its
 * tenant. Refuses unknown and revoked credentials.
 */
export async function authenticateAgent(options: {
  db: Db;
  authorization: string | null;
  sourceAddress: string;
  userAgent: string | null;
}): Promise<AgentActingContext> {
  const credential = options.authorization?.replace(/^Bearer\s+/i, "") ?? "";
  const parsed = parseAgentCredential(credential);
  if (!parsed)
    throw new AppError("unauthenticated", "This request carries no agent credential. Pair the agent first.");
  // Every poll comes through here: read only what is checked and returned (not the public key).
  // The one lookup that finds the tenant from a secret: the credential's hash is unique.
  const agent = await options.db.agent.findUnique({
    where: { credentialHash: sha256(credential) },
    select: { id: true, name: true, revokedAt: true, lastSeenAt: true, tenant: true },
  });
  if (!agent || agent.id !== parsed.agentId) {
    throw new AppError(
      "unauthenticated",
      "This agent credential is not valid (it may have been rotated). Pair the agent again.",
    );
  }
  if (agent.revokedAt) {
    throw new AppError(
      "agent_revoked",
      `This agent was revoked on ${agent.revokedAt.toISOString()}. Pair it again with a new code if it should keep working.`,
    );
  }
  const acting: AgentActingContext = {
    tenant: actingTenant(agent.tenant),
    actor: { kind: "agent", agentId: agent.id, name: agent.name },
    role: "agent",
    sourceAddress: options.sourceAddress,
    userAgent: options.userAgent,
  };
  if (!agent.lastSeenAt || Date.now() - agent.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await options.db.agent.update({
      where: { id: agent.id, ...tenantScope(acting) },
      data: { lastSeenAt: new Date(), lastSeenFrom: options.sourceAddress },
    });
    // The Agents page turns an agent green the moment it comes back, not at its next reload.
    if (!isAgentOnline(agent.lastSeenAt)) {
      await announceAgentEvent({ tenantId: acting.tenant.id, agentId: agent.id, type: "seen" });
    }
  }
  return acting;
}
