import type { IncomingMessage, ServerResponse } from "node:http";
import * as rotateCredential from "@/app/api/agent/v1/credential/rotate/route";
import * as complete from "@/app/api/agent/v1/jobs/[jobId]/complete/route";
import * as fail from "@/app/api/agent/v1/jobs/[jobId]/fail/route";
import * as heartbeat from "@/app/api/agent/v1/jobs/[jobId]/heartbeat/route";
import * as pair from "@/app/api/agent/v1/pair/route";
import * as poll from "@/app/api/agent/v1/poll/route";
import * as whoami from "@/app/api/agent/v1/whoami/route";
import { AGENT_API_PREFIX } from "@/lib/agents/protocol";
import type { ApiRoute } from "@/lib/http/handle-route";
import { apiRequestOfNode, sendApiAnswer } from "@/lib/http/node-api-call";
import { apiResponseHeaders } from "@/lib/http/security-headers";
import { getLogger } from "@/lib/logger";

// The agent API's route handlers, for the web server to call before Next (scripts/serve-web.ts):
// a thousand agents' polls and reports skip Next's router and the Web Request and Response Next
// would build, most of a request's CPU (docs/PERFORMANCE.md). The same exported handlers Next
// would call (ApiRoutes, lib/http/handle-route.ts), so the same checks.

type RouteModule = Partial<Record<"GET" | "POST", ApiRoute>>;

/** Each route's path under AGENT_API_PREFIX as its folders name it; `[name]` is a parameter. */
export const AGENT_API_ROUTES: ReadonlyArray<{ path: string; module: RouteModule }> = [
  { path: "pair", module: pair },
  { path: "poll", module: poll },
  { path: "whoami", module: whoami },
  { path: "credential/rotate", module: rotateCredential },
  { path: "jobs/[jobId]/heartbeat", module: heartbeat },
  { path: "jobs/[jobId]/complete", module: complete },
  { path: "jobs/[jobId]/fail", module: fail },
];

const ROUTES = AGENT_API_ROUTES.map(({ path, module }) => ({ segments: path.split("/"), module }));

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? "";
    const name = /^\[(\w+)\]$/.exec(part)?.[1];
    if (!name) {
      if (part !== segment) return undefined;
      continue;
    }
    if (segment === "") return undefined;
    try {
      params[name] = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
  }
  return params;
}

/**
 * The handler for this method and request target, with its path parameters, or undefined: then
 * Next answers it as before (other paths, other methods, HEAD, a trailing slash, a query's path
 * written oddly), so nothing is answered differently here than there.
 */
function findAgentApiRoute(
  method: string | undefined,
  target: string | undefined,
): { handler: ApiRoute; params: Record<string, string> } | undefined {
  if (!target?.startsWith(`${AGENT_API_PREFIX}/`) || (method !== "GET" && method !== "POST"))
    return undefined;
  const pathname = target.slice(AGENT_API_PREFIX.length + 1).split("?", 1)[0] ?? "";
  const segments = pathname.split("/");
  for (const route of ROUTES) {
    const handler = route.module[method];
    if (!handler) continue;
    const params = matchSegments(route.segments, segments);
    if (params) return { handler, params };
  }
  return undefined;
}

/**
 * Answers an agent API request with its route's handler, with the headers next.config.ts gives
 * /api answers; false (nothing done) when the request is not one, for Next to answer.
 */
export function answerAgentApiRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const route = findAgentApiRoute(request.method, request.url);
  if (!route) return false;
  for (const { key, value } of apiResponseHeaders(request.headers["x-forwarded-proto"])) {
    response.setHeader(key, value);
  }
  route.handler
    .answer(apiRequestOfNode(request, response), route.params)
    .then((answer) => sendApiAnswer(response, answer))
    .catch((error: unknown) => {
      // The handlers answer their own errors: this is a client gone mid-answer, or a bug.
      getLogger().warn({ err: error, path: request.url }, "agent API answer not sent");
      if (response.headersSent) response.destroy();
      else response.writeHead(500).end();
    });
  return true;
}
