import type { PgBoss } from "pg-boss";

// pg-boss refuses work for a queue that was never made; making one is a round trip, so each
// process makes (or finds) a queue once and remembers it. One process, one pg-boss (get-queue.ts).
const ensured = new Set<string>();

type QueueOptions = NonNullable<Parameters<PgBoss["createQueue"]>[1]>;

/** Makes queue `name` with `options` unless it exists; then nothing more in this process. */
export async function ensureQueue(boss: PgBoss, name: string, options: QueueOptions): Promise<void> {
  if (ensured.has(name)) return;
  const existing = await boss.getQueue(name);
  if (!existing) await boss.createQueue(name, options);
  // A queue made before it was to announce its jobs (an agent queue of an earlier version) does so from now on.
  else if (options.notify && !existing.notify) await boss.updateQueue(name, { notify: true });
  ensured.add(name);
}
