import type { ICachePlugin, TokenCacheContext } from "@azure/msal-node";
import type { Logger } from "pino";
import { openTokenCache, sealTokenCache, TokenCacheCipherError } from "@/lib/crypto/token-cache-cipher";
import type { Db } from "@/lib/db";
import type { TokenCacheKey } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import type { ActingContext, UserActor } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

// msal-node's cache, kept in Postgres as one encrypted blob per tenant and user, so any web
// instance or worker can use the tokens one of them obtained.

export interface TokenCacheOwner {
  /** Tenant row id: the tenant the tokens act in. */
  tenantId: string;
  /** User row id. (An Entra object id is unique only together with its home tenant.) */
  userId: string;
}

export function tokenCachePartitionKey(owner: TokenCacheOwner): string {
  return `${owner.tenantId}:${owner.userId}`;
}

/** Whose cache: a user in a tenant (the acting admin, or the admin an update acts as). */
export type TokenCacheActing = Pick<ActingContext, "tenant"> & { actor: Pick<UserActor, "userId"> };

/** The cache of the acting user in the acting tenant. */
export function createTokenCachePlugin(options: {
  db: Db;
  acting: TokenCacheActing;
  /** The first key encrypts; any key decrypts. */
  keyRing: readonly TokenCacheKey[];
  logger?: Logger;
}): ICachePlugin {
  const { db, acting, keyRing } = options;
  const owner = { ...tenantScope(acting), userId: acting.actor.userId };
  const partitionKey = tokenCachePartitionKey(owner);
  const log = (options.logger ?? getLogger()).child({ component: "token-cache", partitionKey });
  /** The key that sealed what was last read; an entry under an older key is re-sealed with the current one. */
  let readWithKeyId: string | undefined;
  /** msal reads the cache more than once per token request; one log line per unreadable entry is enough. */
  let reportedUnreadable = false;

  return {
    async beforeCacheAccess(context: TokenCacheContext) {
      const entry = await db.tokenCacheEntry.findFirst({
        where: { partitionKey, ...tenantScope(acting), userId: owner.userId },
        select: { keyId: true, iv: true, ciphertext: true },
      });
      readWithKeyId = undefined;
      if (!entry) return;
      try {
        context.tokenCache.deserialize(openTokenCache(entry, partitionKey, keyRing));
        readWithKeyId = entry.keyId;
      } catch (error) {
        // A cache, not a record: an entry that cannot be read is treated as absent, and the next
        // token replaces it. The user signs in again at worst; nothing unreadable is ever used.
        if (!(error instanceof TokenCacheCipherError)) throw error;
        if (reportedUnreadable) return;
        reportedUnreadable = true;
        const details = { keyId: entry.keyId, reason: error.reason };
        if (error.reason === "unknown_key") log.warn(details, `${error.message} Treating it as absent.`);
        else log.error(details, `${error.message} Treating it as absent.`);
      }
    },

    async afterCacheAccess(context: TokenCacheContext) {
      const staleKey = readWithKeyId !== undefined && readWithKeyId !== keyRing[0]?.id;
      if (!context.cacheHasChanged && !staleKey) return;
      const sealed = sealTokenCache(context.tokenCache.serialize(), partitionKey, keyRing);
      await db.tokenCacheEntry.upsert({
        where: { partitionKey, ...tenantScope(acting) },
        create: { partitionKey, ...tenantScope(acting), userId: owner.userId, ...sealed },
        update: sealed,
      });
      readWithKeyId = sealed.keyId;
    },
  };
}
