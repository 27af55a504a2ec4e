import type { AuditEventView } from "@/lib/contracts/audit";
import type { AuditEvent } from "@/lib/generated/prisma/client";

export function auditEventView(row: AuditEvent): AuditEventView {
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    actorName: row.actorName,
    actorUpn: row.actorUpn,
    actorHomeTenantId: row.actorHomeTenantId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    result: row.result,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    details: row.details,
  };
}
