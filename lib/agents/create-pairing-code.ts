import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { randomCrockford, sha256 } from "@/lib/crypto/hashing";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

export const PAIRING_CODE_TTL_SECONDS = 600;

export interface CreatedPairingCode {
  id: string;
  /** Shown once; only its hash is stored. `PUBLIC-SECRET`: 30-bit public id, 50-bit secret. */
  code: string;
  expiresAt: Date;
}

/** Fresh public ids tried when one is taken: 30 bits, so a large fleet's codes do meet (≈ 5 % at 10,000). */
const PUBLIC_ID_ATTEMPTS = 5;

/** A one-time code that pairs an agent with the acting tenant. */
export async function createPairingCode(options: {
  db: Db;
  acting: ActingContext;
  /** Where public ids come from (random unless a test says otherwise). */
  newPublicId?: () => string;
}): Promise<CreatedPairingCode> {
  const newPublicId = options.newPublicId ?? (() => randomCrockford(6));
  for (let attempt = 1; ; attempt++) {
    try {
      return await createWithPublicId(options, newPublicId());
    } catch (error) {
      if (attempt >= PUBLIC_ID_ATTEMPTS || !publicIdTaken(error)) throw error;
    }
  }
}

function publicIdTaken(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === "P2002" &&
    JSON.stringify(error.meta ?? {}).includes("publicId")
  );
}

async function createWithPublicId(
  options: { db: Db; acting: ActingContext },
  publicId: string,
): Promise<CreatedPairingCode> {
  const { acting } = options;
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
