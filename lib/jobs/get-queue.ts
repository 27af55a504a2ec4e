import { PgBoss } from "pg-boss";
import { getQueueEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";

// Two pg-boss instances per process, on the application's own database, each in a schema of its own.
// pg-boss's flow resolver reads every queue of its schema on each pass (it cannot be told which
// queues use flows); the agent channel has a queue per tenant and per agent, ten thousand and more
// for a partner, and uses no flows. So the wizard update's queues, whose flows must be released
// within a second, are in a schema of their own, and the main schema's resolver barely runs.
export const QUEUE_SCHEMA = "pgboss";
export const UPDATE_QUEUE_SCHEMA = "pgboss_updates";

/** pg-boss has no setting that turns its flow resolver off: this is its pass once a day. */
const NO_FLOWS_INTERVAL_SECONDS = 86_400;

const holder = globalThis as unknown as { boss?: Promise<PgBoss>; updateBoss?: Promise<PgBoss> };

/** The agent channel's queues, and the validation's and the health checks': none uses flows. */
export function getQueue(): Promise<PgBoss> {
  holder.boss ??= startQueue(QUEUE_SCHEMA, { flowIntervalSeconds: NO_FLOWS_INTERVAL_SECONDS, max: 10 });
  return holder.boss;
}

/** The wizard update's queues (lib/wizard/update/update-queues.ts), one pg-boss flow per update. */
export function getUpdateQueue(): Promise<PgBoss> {
  // How soon an operation is released once those it depends on completed: pg-boss releases a
  // flow's jobs out of band, at this interval (one instance per interval does it). The pool serves
  // the update workers' fetches and the confirm's, retry's and resume's inserts.
  holder.updateBoss ??= startQueue(UPDATE_QUEUE_SCHEMA, { flowIntervalSeconds: 1, max: 6 });
  return holder.updateBoss;
}

async function startQueue(
  schema: string,
  options: { flowIntervalSeconds: number; max: number },
): Promise<PgBoss> {
  const env = getQueueEnv();
  const boss = new PgBoss({
    connectionString: env.DATABASE_URL,
    schema,
    // How often leases (missed heartbeats) are checked; the lease itself is the queue's heartbeat.
    monitorIntervalSeconds: env.QUEUE_MONITOR_INTERVAL_SECONDS,
    superviseIntervalSeconds: env.QUEUE_MONITOR_INTERVAL_SECONDS,
    ...options,
  });
  boss.on("error", (error) => getLogger().error({ err: error, schema }, "job queue error"));
  await boss.start();
  return boss;
}
