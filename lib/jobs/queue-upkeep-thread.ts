import { parentPort } from "node:worker_threads";
import { QUEUE_SCHEMA, startQueue, UPDATE_QUEUE_SCHEMA } from "@/lib/jobs/get-queue";

// The queues' upkeep, in a thread of the web server's own (queue-upkeep.ts): pg-boss supervising
// both schemas, and nothing else, until the process ends.
await Promise.all(
  ([QUEUE_SCHEMA, UPDATE_QUEUE_SCHEMA] as const).map((schema) => startQueue(schema, { upkeep: true })),
);
parentPort?.postMessage("started");
