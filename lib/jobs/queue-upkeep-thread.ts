import { setTimeout as sleep } from "node:timers/promises";
import { parentPort } from "node:worker_threads";
import type { PgBoss } from "pg-boss";
import { getQueueEnv } from "@/lib/env";
import { hasPacedUpkeep, QUEUE_SCHEMA, startQueue, UPDATE_QUEUE_SCHEMA } from "@/lib/jobs/get-queue";
import { pauseAfterPass } from "@/lib/jobs/upkeep-pace";
import { getLogger } from "@/lib/logger";

// The queues' upkeep, in a thread of the web server's own (queue-upkeep.ts): pg-boss supervising
// both schemas, and nothing else, until the process ends. The main schema's passes, over a queue
// per customer and per agent, are this thread's, not pg-boss's timer's, so that they rest in
// proportion to how long they take (upkeep-pace.ts); the update schema's few queues keep pg-boss's
// timers, which also release its flows. Several web servers share the passes as before: one takes
// only the queues no other instance went over within the interval (pg-boss's claims).

async function superviseAtPace(boss: PgBoss): Promise<never> {
  const { QUEUE_MONITOR_INTERVAL_SECONDS } = getQueueEnv();
  for (;;) {
    const started = performance.now();
    try {
      await boss.supervise();
    } catch (error) {
      getLogger().error({ err: error }, "a pass of the queues' upkeep failed");
    }
    await sleep(pauseAfterPass(performance.now() - started, QUEUE_MONITOR_INTERVAL_SECONDS));
  }
}

const upkeeps = await Promise.all(
  ([QUEUE_SCHEMA, UPDATE_QUEUE_SCHEMA] as const).map(async (schema) => ({
    schema,
    boss: await startQueue(schema, { upkeep: true }),
  })),
);
parentPort?.postMessage("started");
await Promise.all(
  upkeeps.filter(({ schema }) => hasPacedUpkeep(schema)).map(({ boss }) => superviseAtPace(boss)),
);
