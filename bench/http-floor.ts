// What one small JSON request costs a Node HTTP server on this machine, before any of our routes'
// work: the floor under the agent channel's CPU per job, which is three such requests (the poll
// that takes the job, the report, the next poll). Two servers, each in a process of its own,
// driven over keep-alive loopback connections by this one: node:http reading and answering JSON
// itself, and the same through the agent API's own path (scripts/lib/agent-api-routes.ts): an
// ApiRoute (request id, logger, error answers) reading its body with readApiJsonBody and a schema,
// served from Node's request by lib/http/node-api-call.ts with the API's headers.
// Run: `npx tsx bench/http-floor.ts` (about half a minute). Prints figures; passes or fails on nothing.
import { fork } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Pool } from "undici";
import { z } from "zod";
import { readCpuSeconds } from "@/bench/lib/process-figures";
import { jsonAnswer } from "@/lib/http/api-call";
import { handleApiRoute } from "@/lib/http/handle-route";
import { apiRequestOfNode, sendApiAnswer } from "@/lib/http/node-api-call";
import { readApiJsonBody } from "@/lib/http/read-json-body";
import { apiResponseHeaders } from "@/lib/http/security-headers";
import { findFreePort } from "@/lib/net/find-free-port";

const MODES = ["node:http", "node:http through the agent API's path"] as const;
type Mode = (typeof MODES)[number];
const IN_FLIGHT = 32;
const WARM_UP_MS = 2_000;
const MEASURE_MS = 10_000;
/** About the size of an agent's report of a small read. */
const BODY = JSON.stringify({ leaseToken: "x".repeat(43), result: { objects: [{ Name: "EX1" }] } });
const ANSWER = JSON.stringify({ job: null });
const ZBody = z.object({ leaseToken: z.string(), result: z.unknown() });
const route = handleApiRoute(async (request) => {
  await readApiJsonBody(request, ZBody, 64 * 1024);
  return jsonAnswer(JSON.parse(ANSWER));
});

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function serve(mode: Mode, port: number): void {
  const server = createServer((request, response) => {
    if (mode === "node:http") {
      void readBody(request).then((text) => {
        JSON.parse(text);
        response.writeHead(200, { "content-type": "application/json" }).end(ANSWER);
      });
      return;
    }
    for (const { key, value } of apiResponseHeaders(undefined)) response.setHeader(key, value);
    void route
      .answer(apiRequestOfNode(request, response), {})
      .then((answer) => sendApiAnswer(response, answer));
  });
  server.listen(port, "127.0.0.1", () => process.send?.("listening"));
}

async function measure(mode: Mode): Promise<string> {
  const port = await findFreePort();
  const child = fork(process.argv[1]!, ["--serve", mode, String(port)], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  await new Promise((resolve) => child.once("message", resolve));
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: IN_FLIGHT });
  let counting = false;
  let requests = 0;
  let stop = false;
  const caller = async () => {
    while (!stop) {
      const { body } = await pool.request({
        path: "/api/agent/v1/poll",
        method: "POST",
        headers: { "content-type": "application/json" },
        body: BODY,
      });
      await body.text();
      if (counting) requests++;
    }
  };
  const callers = Array.from({ length: IN_FLIGHT }, caller);
  await sleep(WARM_UP_MS);
  const cpuBefore = await readCpuSeconds(child.pid!);
  const started = performance.now();
  counting = true;
  await sleep(MEASURE_MS);
  counting = false;
  const seconds = (performance.now() - started) / 1000;
  const cpu = (await readCpuSeconds(child.pid!)) - cpuBefore;
  stop = true;
  await Promise.all(callers);
  await pool.close();
  child.kill();
  return `${(requests / seconds).toFixed(0)} requests/s, ${((cpu / requests) * 1e6).toFixed(0)} µs of the server's CPU per request (${((cpu / seconds) * 100).toFixed(0)} % of one core)`;
}

if (process.argv[2] === "--serve") {
  serve(process.argv[3] as Mode, Number(process.argv[4]));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  for (const mode of MODES)
    console.log(`${`${mode}, ${IN_FLIGHT} in flight`.padEnd(48)} ${await measure(mode)}`);
  process.exit(0);
}
