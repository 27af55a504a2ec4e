import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Withdraws an unused pairing code of `tenantId` (e.g. shown on a shared screen by mistake). */
export async function revokePairingCode(options: {
  db: Db;
  tenantId: string;
  codeId: string;
  actorUserId: string | null;
  ipAddress?: string | null;
}): Promise<void> {
  const revoked = await options.db.$transaction(async (tx) => {
    const result = await tx.pairingCode.updateMany({
      where: { id: options.codeId, tenantId: options.tenantId, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (result.count === 0) return false;
    await recordAuditEvent(tx, {
      tenantId: options.tenantId,
      actorUserId: options.actorUserId,
      action: "pairing_code.revoked",
      targetType: "PairingCode",
      targetId: options.codeId,
      ipAddress: options.ipAddress,
    });
    return true;
  });
  if (!revoked)
    throw new AppError("not_found", "There is no unused pairing code with this id in this tenant.");
}
