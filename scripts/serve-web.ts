import { createServer } from "node:http";
import next from "next";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getWebServerEnv } from "@/lib/env";
import { appendSocketAddress } from "@/lib/http/forwarded-for";
import { getQueue, getUpdateQueue } from "@/lib/jobs/get-queue";
import { startQueueUpkeep } from "@/lib/jobs/queue-upkeep";
import { startHealthCheckWorkers } from "@/lib/partners/health/start-health-check-workers";
import { startUpdateWorkers } from "@/lib/wizard/update/start-update-workers";
import { startValidationWorker } from "@/lib/wizard/validate/validation-queue";

// The production web server: Next's request handler behind a Node HTTP server whose timeouts we
// set. `next start` offers only the keep-alive timeout; Node's defaults would let a client take
// 5 minutes to send one request, a byte at a time. The agent API's routes are called here, before
// Next: their handlers are the ones Next would call, and their answers get the headers
// next.config.ts gives /api; Next's own routing was most of an agent request's CPU.

const [port, hostname] = z
  .tuple([z.coerce.number().int().min(1).max(65535), z.string().min(1)])
  .parse(process.argv.slice(2));
const timeouts = getWebServerEnv();

const app = next({ dev: false, dir: process.cwd(), hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
// Once Next is prepared: the route modules' `next/server` needs the AsyncLocalStorage Next's server
// puts on globalThis as it loads.
const { answerAgentApiRequest } = await import("@/scripts/lib/agent-api-routes");

const server = createServer(
  {
    requestTimeout: timeouts.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    headersTimeout: timeouts.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
    // How often Node looks for requests past those limits (its default, 30 s, would add up to that).
    connectionsCheckingInterval: 1000,
  },
  (request, response) => {
    appendSocketAddress(request);
    if (!answerAgentApiRequest(request, response)) void handle(request, response);
  },
);
// Lapsed leases, expiry, retention and the update's flows, off the thread that answers requests.
await startQueueUpkeep();
// The wizard's updates run in every instance: pg-boss gives each operation to one of them, and an
// operation whose instance stopped (a restart, a crash) to another once its heartbeats stop.
await startUpdateWorkers({ db: getDb(), queue: await getQueue(), updates: await getUpdateQueue() });
await startValidationWorker({ db: getDb(), queue: await getQueue() });
// Partners' health checks and their schedules, the same way.
await startHealthCheckWorkers({ db: getDb(), queue: await getQueue() });
server.listen(port, hostname, () => console.log(`Web server listening on http://${hostname}:${port}`));
