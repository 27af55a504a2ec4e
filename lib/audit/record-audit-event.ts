import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditEventInput {
  tenantId: string | null;
  actorUserId?: string | null;
  actorAgentId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Prisma.InputJsonValue;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** Call inside the mutation's own transaction, so the change and its audit row land together. */
export async function recordAuditEvent(tx: Prisma.TransactionClient, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({ data: event });
}
