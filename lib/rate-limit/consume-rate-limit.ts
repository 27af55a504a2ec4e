import type { Db } from "@/lib/db";

export interface RateLimit {
  key: string;
  limit: number;
  windowSeconds: number;
}

// Expired counters left by other keys are removed a few at a time by whoever counts next, so the
// table holds only live windows without a scheduler; SKIP LOCKED keeps concurrent callers apart.
const EXPIRED_ROWS_PER_CALL = 100;

/**
 * Counts one event against `key` in a fixed window and says whether it is still within `limit`.
 * One statement: the count is taken and read atomically, so callers racing each other each get
 * their own number. Kept in Postgres so every web instance sees the same count.
 */
export async function consumeRateLimit(
  db: Db,
  options: RateLimit,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const window = options.windowSeconds;
  const rows = await db.$queryRaw<{ count: number; expiresAt: Date }[]>`
    WITH expired AS (
      DELETE FROM "RateLimitCounter" WHERE "key" IN (
        SELECT "key" FROM "RateLimitCounter"
        WHERE "expiresAt" < now() AND "key" <> ${options.key}
        LIMIT ${EXPIRED_ROWS_PER_CALL} FOR UPDATE SKIP LOCKED)
    )
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count", "expiresAt")
    VALUES (${options.key}, now(), 1, now() + make_interval(secs => ${window}))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."expiresAt" <= now() THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."expiresAt" <= now() THEN now() ELSE "RateLimitCounter"."windowStart" END,
      "expiresAt" = CASE WHEN "RateLimitCounter"."expiresAt" <= now()
                         THEN now() + make_interval(secs => ${window}) ELSE "RateLimitCounter"."expiresAt" END
    RETURNING "count", "expiresAt"`;
  const row = rows[0]!;
  return {
    allowed: row.count <= options.limit,
    retryAfterSeconds: Math.max(1, Math.ceil((row.expiresAt.getTime() - Date.now()) / 1000)),
  };
}

/** Gives back one counted event, for limits on failures when the attempt turned out to succeed. */
export async function returnRateLimit(db: Db, options: Pick<RateLimit, "key">): Promise<void> {
  await db.$executeRaw`
    UPDATE "RateLimitCounter" SET "count" = "count" - 1
    WHERE "key" = ${options.key} AND "count" > 0 AND "expiresAt" > now()`;
}
