import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { randomCrockford, sha256 } from "@/lib/crypto/hashing";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

export const PAIRING_CODE_TTL_SECONDS = 600;

export interface CreatedPairingCode {
  id: string;
  /** Shown once; only its hash is stored. `PUBLIC-SECRET`: 30-bit public id, 50-bit secret. */
  code: string;
  expiresAt: Date;
}

/** A one-time code that pairs an agent with the acting tenant. */
export async function createPairingCode(options: {
  db: Db;
  acting: ActingContext;
}): Promise<CreatedPairingCode> {
  const { acting } = options;
  const publicId = randomCrockford(6);
  const secret = randomCrockford(10);
  const expiresAt = new Date(Date.now() + PAIRING_CODE_TTL_SECONDS * 1000);
  return options.db.$transaction(async (tx) => {
    const row = await tx.pairingCode.create({
      data: {
        ...tenantScope(acting),
        publicId,
        secretHash: sha256(secret),
        expiresAt,
        createdById: acting.actor.kind === "user" ? acting.actor.userId : null,
      },
    });
    await recordAuditEvent(tx, {
      acting,
      action: "pairing_code.created",
      targetType: "PairingCode",
      targetId: row.id,
      details: { publicId, expiresAt: expiresAt.toISOString() },
    });
    return { id: row.id, code: `${publicId}-${secret}`, expiresAt };
  });
}
