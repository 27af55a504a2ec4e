import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { randomCrockford, sha256 } from "@/lib/crypto/hashing";
import type { Db } from "@/lib/db";

export const PAIRING_CODE_TTL_SECONDS = 600;

export interface CreatedPairingCode {
  id: string;
  /** Shown once; only its hash is stored. `PUBLIC-SECRET`: 30-bit public id, 50-bit secret. */
  code: string;
  expiresAt: Date;
}

export async function createPairingCode(options: {
  db: Db;
  tenantId: string;
  actorUserId: string | null;
  ipAddress?: string | null;
}): Promise<CreatedPairingCode> {
  const publicId = randomCrockford(6);
  const secret = randomCrockford(10);
  const expiresAt = new Date(Date.now() + PAIRING_CODE_TTL_SECONDS * 1000);
  return options.db.$transaction(async (tx) => {
    const row = await tx.pairingCode.create({
      data: {
        tenantId: options.tenantId,
        publicId,
        secretHash: sha256(secret),
        expiresAt,
        createdById: options.actorUserId,
      },
    });
    await recordAuditEvent(tx, {
      tenantId: options.tenantId,
      actorUserId: options.actorUserId,
      action: "pairing_code.created",
      targetType: "PairingCode",
      targetId: row.id,
      details: { publicId, expiresAt: expiresAt.toISOString() },
      ipAddress: options.ipAddress,
    });
    return { id: row.id, code: `${publicId}-${secret}`, expiresAt };
  });
}
