import { PgBoss } from "pg-boss";
import { getQueueEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";

// Two pg-boss instances per process, on the application's own database, each in a schema of its own.
// pg-boss's flow resolver reads every queue of its schema on each pass (it cannot be told which
// queues use flows); the agent channel has a queue per tenant and per agent, ten thousand and more
// for a partner, and uses no flows. So the wizard update's queues, whose flows must be released
// within a second, are in a schema of their own, and the main schema's resolver never runs.
//
// The queues' upkeep (pg-boss's supervision: lapsed leases and expiry, retention, queue counts,
// flows) reads every queue's row at each pass; with ten thousand queues that is 60–110 ms of
// parsing every QUEUE_MONITOR_INTERVAL_SECONDS, which on the thread that answers agents delays
// every hand-out in flight. The web server runs it in a thread of its own (queue-upkeep.ts), which
// paces the main schema's passes to their length; the instances here only send, fetch and work jobs.
export const QUEUE_SCHEMA = "pgboss";
export const UPDATE_QUEUE_SCHEMA = "pgboss_updates";
export type QueueSchema = typeof QUEUE_SCHEMA | typeof UPDATE_QUEUE_SCHEMA;

interface SchemaSettings {
  /** Connections per instance that sends, fetches and works jobs. */
  max: number;
  /**
   * How soon a flow's next job is released once those it depends on completed; pg-boss's flow
   * resolver runs only on pg-boss's own supervise timers, so a schema with flows is supervised by
   * them. A schema without is supervised by the upkeep thread's passes, paced to their length
   * (queue-upkeep-thread.ts), and its flow resolver never runs.
   */
  flowIntervalSeconds?: number;
}

const SCHEMAS: Record<QueueSchema, SchemaSettings> = {
  // The agent channel's queues, and the validation's and the health checks': none uses flows.
  [QUEUE_SCHEMA]: { max: 10 },
  // An update's operations are released within a second (one instance per interval does it). The
  // pool serves the update workers' fetches and the confirm's, retry's and resume's inserts.
  [UPDATE_QUEUE_SCHEMA]: { max: 6, flowIntervalSeconds: 1 },
};

/** Whether the upkeep thread drives `schema`'s supervise passes (no pg-boss timer does). */
export function hasPacedUpkeep(schema: QueueSchema): boolean {
  return SCHEMAS[schema].flowIntervalSeconds === undefined;
}

/**
 * How often pg-boss re-reads every queue to refresh its cache of their settings. It caches a queue
 * the first time it is used, and the settings we give a queue do not change after, so the refresh
 * (every queue's row, each minute by default) is only a safety net.
 */
const QUEUE_CACHE_REFRESH_SECONDS = 3600;

const holder = globalThis as unknown as { boss?: Promise<PgBoss>; updateBoss?: Promise<PgBoss> };

/** The agent channel's queues, and the validation's and the health checks'. */
export function getQueue(): Promise<PgBoss> {
  holder.boss ??= startQueue(QUEUE_SCHEMA, { upkeep: false });
  return holder.boss;
}

/** The wizard update's queues (lib/wizard/update/update-queues.ts), one pg-boss flow per update. */
export function getUpdateQueue(): Promise<PgBoss> {
  holder.updateBoss ??= startQueue(UPDATE_QUEUE_SCHEMA, { upkeep: false });
  return holder.updateBoss;
}

/**
 * A started pg-boss for `schema`. With `upkeep`, the one that supervises the schema's queues and
 * does nothing else (queue-upkeep-thread.ts); without, one that never supervises.
 */
export async function startQueue(schema: QueueSchema, options: { upkeep: boolean }): Promise<PgBoss> {
  const env = getQueueEnv();
  const { flowIntervalSeconds, max } = SCHEMAS[schema];
  const supervisesOnItsTimers = options.upkeep && !hasPacedUpkeep(schema);
  const boss = new PgBoss({
    connectionString: env.DATABASE_URL,
    schema,
    // How often leases (missed heartbeats) are checked; the lease itself is the queue's heartbeat.
    // A queue one instance's pass went over is left out of the others' passes for this long.
    monitorIntervalSeconds: env.QUEUE_MONITOR_INTERVAL_SECONDS,
    superviseIntervalSeconds: env.QUEUE_MONITOR_INTERVAL_SECONDS,
    ...(flowIntervalSeconds ? { flowIntervalSeconds } : {}),
    queueCacheIntervalSeconds: QUEUE_CACHE_REFRESH_SECONDS,
    supervise: supervisesOnItsTimers,
    // Schedules are kept by the instances that work jobs; the upkeep's passes are one statement at a time.
    schedule: !options.upkeep,
    max: options.upkeep ? 2 : max,
  });
  boss.on("error", (error) => getLogger().error({ err: error, schema }, "job queue error"));
  await boss.start();
  return boss;
}
