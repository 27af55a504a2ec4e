import { issueAgentCredential } from "@/lib/agents/agent-credential";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import type { AgentActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/** Replaces the acting agent's credential; the old one stops working at once. */
export async function rotateAgentCredential(options: { db: Db; acting: AgentActingContext }) {
  const { acting } = options;
  const { agentId } = acting.actor;
  const { credential, hash } = issueAgentCredential(agentId);
  await options.db.$transaction(async (tx) => {
    await tx.agent.update({
      where: { id: agentId, ...tenantScope(acting) },
      data: { credentialHash: hash, credentialRotatedAt: new Date() },
    });
    await recordAuditEvent(tx, {
      acting,
      action: "agent.credential_rotated",
      targetType: "Agent",
      targetId: agentId,
    });
  });
  return { credential };
}
