import { announceAgentEvent } from "@/lib/agents/agent-events";
import { isAgentOnline, LAST_SEEN_RESOLUTION_MS } from "@/lib/agents/agent-presence";
import { parseAgentCredential } from "@/lib/agents/protocol";
import { sha256 } from "@/lib/crypto/hashing";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface AuthenticatedAgent {
  id: string;
  name: string;
  tenantId: string;
  entraTenantId: string;
  tenantName: string;
}

/** Finds the agent behind `Authorization: Bearer hwa1.…`; refuses unknown and revoked ones. */
export async function authenticateAgent(options: {
  db: Db;
  authorization: string | null;
  sourceAddress: string;
}): Promise<AuthenticatedAgent> {
  const credential = options.authorization?.replace(/^Bearer\s+/i, "") ?? "";
  const parsed = parseAgentCredential(credential);
  if (!parsed)
    throw new AppError("unauthenticated", "This request carries no agent credential. Pair the agent first.");
  // Every poll comes through here: read only what is checked and returned (not the public key).
  const agent = await options.db.agent.findUnique({
    where: { credentialHash: sha256(credential) },
    select: {
      id: true,
      name: true,
      tenantId: true,
      revokedAt: true,
      lastSeenAt: true,
      tenant: { select: { entraTenantId: true, displayName: true } },
    },
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
  if (!agent.lastSeenAt || Date.now() - agent.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await options.db.agent.update({
      where: { id: agent.id },
      data: { lastSeenAt: new Date(), lastSeenFrom: options.sourceAddress },
    });
    // The Agents page turns an agent green the moment it comes back, not at its next reload.
    if (!isAgentOnline(agent.lastSeenAt)) {
      await announceAgentEvent({ tenantId: agent.tenantId, agentId: agent.id, type: "seen" });
    }
  }
  return {
    id: agent.id,
    name: agent.name,
    tenantId: agent.tenantId,
    entraTenantId: agent.tenant.entraTenantId,
    tenantName: agent.tenant.displayName,
  };
}
