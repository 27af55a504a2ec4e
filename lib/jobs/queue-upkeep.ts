import { Worker } from "node:worker_threads";
import { getLogger } from "@/lib/logger";

// The queues' upkeep (get-queue.ts says why it has a thread of its own). A web server without it
// would hand out jobs whose lapsed leases nobody notices and updates whose flows nobody releases,
// so a thread that ends is started again.
const THREAD = new URL("./queue-upkeep-thread.ts", import.meta.url).href;
// A thread does not inherit the process's `--import tsx`: it registers tsx itself, then loads the module.
const BOOTSTRAP = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(THREAD)}); })`;
const RESTART_PAUSE_MS = 5000;

/** Starts the upkeep thread; resolves once it supervises. */
export async function startQueueUpkeep(): Promise<void> {
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const thread = new Worker(BOOTSTRAP, { eval: true });
      thread.once("message", () => resolve());
      thread.once("error", (error) => {
        getLogger().error({ err: error }, "the queues' upkeep thread failed");
        reject(error);
      });
      thread.once("exit", (code) => {
        getLogger().error({ code }, "the queues' upkeep thread ended; starting it again");
        setTimeout(() => start().catch(() => {}), RESTART_PAUSE_MS).unref();
      });
    });
  await start();
}
