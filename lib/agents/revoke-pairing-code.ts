import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/** Withdraws an unused pairing code of the acting tenant (e.g. shown on a shared screen by mistake). */
export async function revokePairingCode(options: {
  db: Db;
  acting: ActingContext;
  codeId: string;
}): Promise<void> {
  const { acting, codeId } = options;
  const revoked = await options.db.$transaction(async (tx) => {
    const result = await tx.pairingCode.updateMany({
      where: { id: codeId, ...tenantScope(acting), usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (result.count === 0) return false;
    await recordAuditEvent(tx, {
      acting,
      action: "pairing_code.revoked",
      targetType: "PairingCode",
      targetId: codeId,
    });
    return true;
  });
  if (!revoked)
    throw new AppError("not_found", "There is no unused pairing code with this id in this tenant.");
}
