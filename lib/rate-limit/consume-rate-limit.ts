import type { Db } from "@/lib/db";

/**
 * Counts one event against `key` in a fixed window and says whether it is still
 * within `limit`. Kept in Postgres so every web instance sees the same count.
 */
export async function consumeRateLimit(
  db: Db,
  options: { key: string; limit: number; windowSeconds: number },
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${options.key}, now(), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStart" < now() - make_interval(secs => ${options.windowSeconds})
                     THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" < now() - make_interval(secs => ${options.windowSeconds})
                     THEN now() ELSE "RateLimitCounter"."windowStart" END
    RETURNING "count", "windowStart"`;
  const row = rows[0]!;
  const windowEnds = row.windowStart.getTime() + options.windowSeconds * 1000;
  return {
    allowed: row.count <= options.limit,
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - Date.now()) / 1000)),
  };
}

/** Reads without counting: a source already over its limit is refused before any work. */
export async function isRateLimited(db: Db, options: { key: string; limit: number; windowSeconds: number }) {
  const row = await db.rateLimitCounter.findUnique({ where: { key: options.key } });
  if (!row) return false;
  const fresh = row.windowStart.getTime() > Date.now() - options.windowSeconds * 1000;
  return fresh && row.count >= options.limit;
}
