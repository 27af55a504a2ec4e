import { PgBoss } from "pg-boss";
import { getQueueEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";

// One pg-boss per process, on the application's own database, in its own schema.
export const QUEUE_SCHEMA = "pgboss";

const holder = globalThis as unknown as { boss?: Promise<PgBoss> };

export function getQueue(): Promise<PgBoss> {
  holder.boss ??= startQueue();
  return holder.boss;
}

async function startQueue(): Promise<PgBoss> {
  const env = getQueueEnv();
  const boss = new PgBoss({
    connectionString: env.DATABASE_URL,
    schema: QUEUE_SCHEMA,
    // How often leases (missed heartbeats) are checked; the lease itself is AGENT_LEASE_SECONDS.
    monitorIntervalSeconds: env.QUEUE_MONITOR_INTERVAL_SECONDS,
    superviseIntervalSeconds: env.QUEUE_MONITOR_INTERVAL_SECONDS,
    // How soon a wizard update's operation is released once those it depends on completed: pg-boss
    // releases a flow's jobs out of band, at this interval (one instance per interval does it).
    flowIntervalSeconds: 1,
    max: 10,
  });
  boss.on("error", (error) => getLogger().error({ err: error }, "job queue error"));
  await boss.start();
  return boss;
}
