import type { PgBoss } from "pg-boss";

// pg-boss refuses work for a queue that was never made; making one is a round trip, so each
// process makes (or finds) a queue once and remembers it. One process, one pg-boss (get-queue.ts).
const ensured = new Set<string>();

type QueueOptions = NonNullable<Parameters<PgBoss["createQueue"]>[1]>;

/** Makes queue `name` with `options` unless it exists; then nothing more in this process. */
export async function ensureQueue(boss: PgBoss, name: string, options: QueueOptions): Promise<void> {
  if (ensured.has(name)) return;
  if (!(await boss.getQueue(name))) await boss.createQueue(name, options);
  ensured.add(name);
}
