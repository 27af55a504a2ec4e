import { announceAgentEvent } from "@/lib/agents/agent-events";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Revokes an agent of `tenantId`; it is refused at its next request. */
export async function revokeAgent(options: {
  db: Db;
  tenantId: string;
  agentId: string;
  actorUserId: string | null;
  ipAddress?: string | null;
}): Promise<void> {
  const revoked = await options.db.$transaction(async (tx) => {
    const result = await tx.agent.updateMany({
      where: { id: options.agentId, tenantId: options.tenantId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (result.count === 0) return false;
    await recordAuditEvent(tx, {
      tenantId: options.tenantId,
      actorUserId: options.actorUserId,
      action: "agent.revoked",
      targetType: "Agent",
      targetId: options.agentId,
      ipAddress: options.ipAddress,
    });
    return true;
  });
  if (!revoked) throw new AppError("not_found", "There is no active agent with this id in this tenant.");
  await announceAgentEvent({ tenantId: options.tenantId, agentId: options.agentId, type: "revoked" });
}
