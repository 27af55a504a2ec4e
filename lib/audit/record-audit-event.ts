import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditResult } from "@/lib/generated/prisma/enums";
import { type AuditedActing, auditActor } from "@/lib/tenants/acting-context";

export interface AuditEventInput {
  /** Who did it, where, in which tenant: the row's tenant and actor come from here alone. */
  acting: AuditedActing;
  action: string;
  targetType: string;
  targetId?: string | null;
  /** `refused` for an attempt Hybrid Wizard turned down; a change that happened is `succeeded`. */
  result?: AuditResult;
  details?: Prisma.InputJsonValue;
}

/** Call inside the mutation's own transaction, so the change and its audit row land together. */
export async function recordAuditEvent(tx: Prisma.TransactionClient, event: AuditEventInput): Promise<void> {
  const { acting, ...what } = event;
  await tx.auditEvent.create({ data: { ...auditActor(acting), ...what } });
}
