import { sealTokenCache } from "@/lib/crypto/token-cache-cipher";
import type { Db } from "@/lib/db";
import type { TokenCacheKey } from "@/lib/env";
import { idempotentAnswerBinding } from "@/lib/idempotency/idempotent-row";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/** Keeps the answer of the request that claimed `key` (encrypted; null body for an event stream). */
export async function recordIdempotentAnswer(options: {
  db: Db;
  acting: UserActingContext;
  key: string;
  status: number;
  contentType: string | null;
  body: string | null;
  keyRing: readonly TokenCacheKey[];
}): Promise<void> {
  const { db, acting, key, body } = options;
  const sealed =
    body === null ? null : sealTokenCache(body, idempotentAnswerBinding(acting, key), options.keyRing);
  await db.idempotentRequest.updateMany({
    where: { ...tenantScope(acting), userId: acting.actor.userId, key },
    data: {
      status: options.status,
      contentType: options.contentType,
      keyId: sealed?.keyId ?? null,
      iv: sealed?.iv ?? null,
      ciphertext: sealed?.ciphertext ?? null,
    },
  });
}
