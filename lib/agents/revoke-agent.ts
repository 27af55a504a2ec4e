import { announceAgentEvent } from "@/lib/agents/agent-events";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/** Revokes an agent of the acting tenant; it is refused at its next request. */
export async function revokeAgent(options: {
  db: Db;
  acting: ActingContext;
  agentId: string;
}): Promise<void> {
  const { acting, agentId } = options;
  const revoked = await options.db.$transaction(async (tx) => {
    const result = await tx.agent.updateMany({
      where: { id: agentId, ...tenantScope(acting), revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (result.count === 0) return false;
    await recordAuditEvent(tx, { acting, action: "agent.revoked", targetType: "Agent", targetId: agentId });
    return true;
  });
  if (!revoked) throw new AppError("not_found", "There is no active agent with this id in this tenant.");
  await announceAgentEvent({ tenantId: acting.tenant.id, agentId, type: "revoked" });
}
