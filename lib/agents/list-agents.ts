import { isAgentOnline } from "@/lib/agents/agent-presence";
import type { Db } from "@/lib/db";

/** An agent as the Agents page and the wizard's on-premises credential card show it. */
export interface AgentSummary {
  id: string;
  name: string;
  host: string;
  version: string;
  runAs: string;
  pairedAt: string;
  lastSeenAt: string | null;
  online: boolean;
}

/** The tenant's agents that are not revoked, most recently paired first. */
export async function listAgents(db: Db, tenantId: string): Promise<AgentSummary[]> {
  const agents = await db.agent.findMany({
    where: { tenantId, revokedAt: null },
    orderBy: { pairedAt: "desc" },
  });
  return agents.map((agent) => ({
    id: agent.id,
    name: agent.name,
    host: agent.host,
    version: agent.version,
    runAs: agent.runAs,
    pairedAt: agent.pairedAt.toISOString(),
    lastSeenAt: agent.lastSeenAt?.toISOString() ?? null,
    online: isAgentOnline(agent.lastSeenAt),
  }));
}
