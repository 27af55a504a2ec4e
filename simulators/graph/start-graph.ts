import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { RateLimiter } from "../exchange/online/rate-limiter";
import type { CloudName } from "../identity/clouds";
import type { Directory } from "../identity/directory/load-directory";
import type { AuthorityKeySetsOptions } from "../shared/authority-key-sets";
import { closeServers, listenOnAddresses } from "../shared/listen-on-addresses";
import { createGraphAdmin, type GraphAdmin } from "./admin/graph-admin";
import { graphAddresses, graphBaseUrl, graphCloudOfRequest } from "./graph-clouds";
import { createGraphAuthenticator, type GraphCaller } from "./http/authenticate-graph-request";
import { errorResponse, type GraphResponse, type RequestIds, send } from "./http/graph-responses";
import type { GraphRoute } from "./http/graph-route";
import { matchRoute } from "./http/graph-routes";
import { GraphError, requestDenied, tooManyRequests } from "./model/graph-error";
import { takeGraphFault } from "./model/graph-faults";
import { type GraphTenantStore, GraphTenants } from "./model/graph-tenants";

// A stateful Microsoft Graph (v1.0) for the tenants of the identity directory: one HTTPS server
// per cloud's loopback address on one port, telling the cloud from the address (or Host) reached.

export interface StartGraphOptions extends AuthorityKeySetsOptions {
  /** Each tenant's state is a JSON file here. */
  dataDir: string;
  /** 0 lets the OS choose; every cloud's address listens on the same port. */
  port: number;
  tls: { certPem: string; keyPem: string };
  /** The identity simulator's directory: the tenants Graph serves. */
  directory: Directory;
}

export interface RunningGraph {
  port: number;
  /** `https://<loopback address of the cloud>:<port>`; a Host header naming the cloud's Graph host works too. */
  baseUrlFor(cloud: CloudName): string;
  admin: GraphAdmin;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const CHALLENGE = (cloud: CloudName, authorityBaseFor: StartGraphOptions["authorityBaseFor"]) =>
  `Bearer realm="", authorization_uri="${authorityBaseFor(cloud)}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`;

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new GraphError(413, "Request_EntityTooLarge", "The request body is too large.");
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new GraphError(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
}

function authorize(route: GraphRoute, caller: GraphCaller): void {
  const hasScope = route.scopes.some((scope) => caller.scopes.includes(scope));
  const hasRole = !route.roles || route.roles.some((role) => caller.roles.includes(role));
  if (!hasScope || !hasRole) throw requestDenied();
}

export async function startGraph(options: StartGraphOptions): Promise<RunningGraph> {
  const tenants = new GraphTenants(options.dataDir, options.directory);
  const admin = createGraphAdmin(tenants);
  const limiter = new RateLimiter();
  const authenticate = createGraphAuthenticator(options);

  /** The fault for this call, counted down in the tenant's state so "N times" holds across processes. */
  async function applyFault(store: GraphTenantStore, route: GraphRoute): Promise<void> {
    const fault = await store.exclusive(async () => {
      const state = await store.read();
      const taken = takeGraphFault(state.faults, route.name);
      if (taken.fault) await store.write({ ...state, faults: taken.remaining });
      return taken.fault;
    });
    if (!fault) return;
    if (fault.kind === "latency") await sleep(fault.latencyMs ?? 5000);
    if (fault.kind === "throttle") throw tooManyRequests(fault.retryAfterSeconds ?? 30);
    if (fault.kind === "error") {
      throw fault.error
        ? new GraphError(fault.error.status, fault.error.code, fault.error.message)
        : requestDenied();
    }
  }

  async function route(request: IncomingMessage): Promise<GraphResponse> {
    const cloud = graphCloudOfRequest(request.headers.host, request.socket.localAddress);
    const url = new URL(request.url ?? "/", `https://${request.headers.host ?? "localhost"}`);
    const matched = matchRoute(request.method ?? "GET", url.pathname);
    if (!cloud || !matched) {
      const segment = url.pathname.split("/").filter(Boolean).at(-1) ?? "";
      throw new GraphError(400, "BadRequest", `Resource not found for the segment '${segment}'.`);
    }
    if (matched === "no-method")
      throw new GraphError(405, "Request_BadRequest", `${request.method} is not allowed on ${url.pathname}.`);
    let caller: GraphCaller;
    try {
      caller = await authenticate(request.headers.authorization, cloud);
    } catch (error) {
      if (error instanceof GraphError) {
        throw new GraphError(error.status, error.code, error.message, {
          "WWW-Authenticate": CHALLENGE(cloud, options.authorityBaseFor),
        });
      }
      throw error;
    }
    authorize(matched.route, caller);
    const store = await tenants.open(caller.tenant);
    const budget = limiter.take(caller.tenant.tenantId, (await store.read()).rateLimit);
    if (!budget.allowed) throw tooManyRequests(budget.retryAfterSeconds, budget.headers);
    await applyFault(store, matched.route);
    const body = await readJson(request);
    return store.exclusive(async () => {
      const outcome = matched.route.handle({
        state: await store.read(),
        directory: options.directory,
        params: matched.params,
        url,
        body,
      });
      if (outcome.state) await store.write(outcome.state);
      return outcome.response;
    });
  }

  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const header = request.headers["client-request-id"];
    const ids: RequestIds = {
      requestId: randomUUID(),
      clientRequestId: typeof header === "string" && header.length <= 64 ? header : randomUUID(),
    };
    route(request)
      .catch((error: unknown) => {
        if (error instanceof GraphError) return errorResponse(error, ids);
        console.error("Graph simulator: unexpected error", error);
        return errorResponse(new GraphError(500, "InternalServerError", "Internal error."), ids);
      })
      .then((answer) => send(response, ids, answer))
      .catch(() => response.destroy());
  };

  const { servers, port } = await listenOnAddresses({
    addresses: graphAddresses(),
    port: options.port,
    tls: options.tls,
    handler,
  });
  return {
    port,
    admin,
    baseUrlFor: (cloud) => graphBaseUrl(cloud, port),
    close: () => closeServers(servers),
  };
}
