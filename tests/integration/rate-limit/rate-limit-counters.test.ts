import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";

let db: Db;

beforeAll(() => {
  db = createDb(inject("databaseUrl"));
});

afterAll(async () => {
  await db?.$disconnect();
});

describe("rate-limit counters", () => {
  it("count within a window and start again after it", async () => {
    const limit = { key: `test-window:${crypto.randomUUID()}`, limit: 2, windowSeconds: 1 };
    expect((await consumeRateLimit(db, limit)).allowed).toBe(true);
    expect((await consumeRateLimit(db, limit)).allowed).toBe(true);
    const third = await consumeRateLimit(db, limit);
    expect(third).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await consumeRateLimit(db, limit)).allowed).toBe(true);
  });

  it("are removed once their window is over, so made-up sources cannot grow the table", async () => {
    const prefix = `test-expiry:${crypto.randomUUID()}:`;
    // Sent together, so that all 200 are counted well inside their window even on a busy machine
    // (each caller sweeps what has expired, and would sweep the first ones before the last came).
    const windowSeconds = 3;
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        consumeRateLimit(db, { key: `${prefix}198.51.100.${index}`, limit: 10, windowSeconds }),
      ),
    );
    const live = { key: `${prefix}live`, limit: 10, windowSeconds: 600 };
    await consumeRateLimit(db, live);
    const rowsOfTest = () => db.rateLimitCounter.count({ where: { key: { startsWith: prefix } } });
    expect(await rowsOfTest()).toBe(201);

    await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000 + 100));
    // Later callers (any key) sweep expired rows as they count.
    for (let call = 0; call < 3; call++) await consumeRateLimit(db, live);
    expect(await rowsOfTest()).toBe(1);
    expect(await db.rateLimitCounter.findUnique({ where: { key: live.key } })).toMatchObject({ count: 4 });
  });
});
