import { issueAgentCredential } from "@/lib/agents/agent-credential";
import type { AuthenticatedAgent } from "@/lib/agents/authenticate-agent";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";

/** Replaces the agent's credential; the old one stops working at once. */
export async function rotateAgentCredential(options: {
  db: Db;
  agent: AuthenticatedAgent;
  sourceAddress: string;
}) {
  const { credential, hash } = issueAgentCredential(options.agent.id);
  await options.db.$transaction(async (tx) => {
    await tx.agent.update({
      where: { id: options.agent.id },
      data: { credentialHash: hash, credentialRotatedAt: new Date() },
    });
    await recordAuditEvent(tx, {
      tenantId: options.agent.tenantId,
      actorAgentId: options.agent.id,
      action: "agent.credential_rotated",
      targetType: "Agent",
      targetId: options.agent.id,
      ipAddress: options.sourceAddress,
    });
  });
  return { credential };
}
