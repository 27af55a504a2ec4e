import { sameHash } from "@/lib/crypto/hashing";
import { openTokenCache } from "@/lib/crypto/token-cache-cipher";
import type { Db } from "@/lib/db";
import type { TokenCacheKey } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { IDEMPOTENCY_KEY_TTL_MS, idempotentAnswerBinding } from "@/lib/idempotency/idempotent-row";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

export type IdempotencyClaim =
  | { kind: "claimed" }
  | { kind: "replay"; status: number; contentType: string | null; body: string | null };

/**
 * Claims `key` for this request, or finds what the first request with it answered. One insert
 * decides between concurrent requests with the same key: only one claims it, the other is told
 * the first is still running. The same key with another request is refused rather than answered
 * with an answer to something else.
 */
export async function claimIdempotencyKey(options: {
  db: Db;
  acting: UserActingContext;
  key: string;
  requestHash: Uint8Array<ArrayBuffer>;
  keyRing: readonly TokenCacheKey[];
  now?: Date;
}): Promise<IdempotencyClaim> {
  const { db, acting, key, requestHash, keyRing } = options;
  const now = options.now ?? new Date();
  // The key's row is the acting tenant's and user's own: keys never meet across callers.
  await db.idempotentRequest.deleteMany({
    where: { ...tenantScope(acting), userId: acting.actor.userId, key, expiresAt: { lte: now } },
  });
  const { count } = await db.idempotentRequest.createMany({
    data: [
      {
        ...tenantScope(acting),
        userId: acting.actor.userId,
        key,
        requestHash,
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS),
      },
    ],
    skipDuplicates: true,
  });
  if (count === 1) return { kind: "claimed" };

  const first = await db.idempotentRequest.findFirst({
    where: { ...tenantScope(acting), userId: acting.actor.userId, key },
  });
  // Gone between the insert and the read: its first request failed and let the key go. Try again.
  if (!first) return claimIdempotencyKey(options);
  if (!sameHash(first.requestHash, requestHash)) {
    throw new AppError(
      "idempotency_key_reused",
      "This Idempotency-Key was already used for another request (another path or body). Send a new key with a new request.",
    );
  }
  if (first.status === null) {
    throw new AppError(
      "idempotency_in_progress",
      "The first request with this Idempotency-Key is still running. Repeat it once it has answered.",
    );
  }
  const body =
    first.ciphertext && first.iv && first.keyId
      ? openTokenCache(
          { keyId: first.keyId, iv: first.iv, ciphertext: first.ciphertext },
          idempotentAnswerBinding(acting, key),
          keyRing,
        )
      : null;
  return { kind: "replay", status: first.status, contentType: first.contentType, body };
}
