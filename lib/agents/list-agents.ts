import { isAgentOnline } from "@/lib/agents/agent-presence";
import { ZAgentPublicJwkSchema } from "@/lib/agents/protocol";
import type { AgentSummary } from "@/lib/contracts/agents";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/** The acting tenant's agents that are not revoked, most recently paired first. */
export async function listAgents(options: { db: Db; acting: ActingContext }): Promise<AgentSummary[]> {
  const agents = await options.db.agent.findMany({
    where: { ...tenantScope(options.acting), revokedAt: null },
    orderBy: { pairedAt: "desc" },
  });
  return agents.map((agent) => ({
    id: agent.id,
    name: agent.name,
    host: agent.host,
    version: agent.version,
    runAs: agent.runAs,
    publicKeyJwk: publicMembers(agent.publicKeyJwk),
    pairedAt: agent.pairedAt.toISOString(),
    lastSeenAt: agent.lastSeenAt?.toISOString() ?? null,
    online: isAgentOnline(agent.lastSeenAt),
  }));
}

/** The key's public members only, as the browser imports it; checked when the agent paired. */
function publicMembers(jwk: unknown): AgentSummary["publicKeyJwk"] {
  const { kty, n, e } = ZAgentPublicJwkSchema.parse(jwk);
  return { kty, n, e };
}
