import type { Db } from "@/lib/db";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/**
 * Lets `key` go after its request failed: nothing was started (the operations refuse before they
 * write, in one transaction), so the script's retry with the same key should run, not replay a
 * failure it may have fixed in between (signed in again, waited out a conflict).
 */
export async function releaseIdempotencyKey(options: {
  db: Db;
  acting: UserActingContext;
  key: string;
}): Promise<void> {
  const { db, acting, key } = options;
  await db.idempotentRequest.deleteMany({
    where: { ...tenantScope(acting), userId: acting.actor.userId, key, status: null },
  });
}
