import type { IncomingMessage, ServerResponse } from "node:http";
import { closeServers, listenOnAddresses } from "../../shared/listen-on-addresses";
import { createExchangeAdmin, type ExchangeAdmin } from "../admin/exchange-admin";
import type { OrganizationFixture } from "../fixtures/fixture-schema";
import type { Cloud } from "../model/organization-state";
import { type ApiResponse, errorResponse } from "./admin-api-responses";
import { createAuthenticator } from "./authenticate-request";
import {
  cloudOfRequest,
  complianceBaseUrl,
  exchangeOnlineAddresses,
  exchangeOnlineBaseUrl,
} from "./exchange-clouds";
import { handleBatch } from "./handle-batch";
import { handleComplianceCommand } from "./handle-compliance-command";
import { handleInvokeCommand, type InvokeCommandOutcome } from "./handle-invoke-command";
import { RateLimiter } from "./rate-limiter";
import { TenantRegistry } from "./tenant-registry";

export interface StartExchangeOnlineOptions {
  dataDir: string;
  /** 0 lets the OS choose; every cloud's address listens on the same port. */
  port: number;
  tls: { certPem: string; keyPem: string };
  /** `https://<host>` of each cloud's identity provider. */
  authorityBaseFor: (cloud: Cloud) => string;
  /** CA of the identity provider's TLS certificate, when Node doesn't already trust it. */
  authorityCaPem?: string;
  /** Fixtures (names or documents) to seed when their tenant has no state yet. */
  fixtures?: (string | OrganizationFixture)[];
}

export interface RunningExchangeOnline {
  port: number;
  /** `https://<loopback address of the cloud>:<port>`; a Host header naming the cloud's real host works too. */
  baseUrlFor(cloud: Cloud): string;
  /** Where the cloud's Security & Compliance endpoint is stood in for. */
  complianceUrlFor(cloud: Cloud): string;
  admin: ExchangeAdmin;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Exchange Online's admin API; under /compliance, Security & Compliance's (InvokeCommand only). */
const ROUTE = /^(\/compliance)?\/adminapi\/beta\/([^/]+)\/(InvokeCommand|\$batch)$/i;

async function readJson(request: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false };
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false };
  }
}

function send(response: ServerResponse, requestId: string, answer: ApiResponse): void {
  response.writeHead(answer.status, {
    "content-type": "application/json; odata.metadata=minimal; charset=utf-8",
    "request-id": requestId,
    "client-request-id": requestId,
    ...answer.headers,
  });
  response.end(JSON.stringify(answer.body));
}

export async function startExchangeOnline(
  options: StartExchangeOnlineOptions,
): Promise<RunningExchangeOnline> {
  const admin = createExchangeAdmin(options.dataDir);
  for (const fixture of options.fixtures ?? []) await admin.ensureSeeded(fixture);
  const registry = new TenantRegistry(options.dataDir);
  const limiter = new RateLimiter();
  const authenticate = createAuthenticator(options);

  async function route(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> {
    const url = new URL(request.url ?? "/", `https://${request.headers.host ?? "localhost"}`);
    const match = ROUTE.exec(url.pathname);
    const cloud = cloudOfRequest(request.headers.host, request.socket.localAddress);
    if (!match || !cloud)
      return send(response, requestId, errorResponse(404, "NotFound", "No such resource."));
    const compliance = match[1] !== undefined;
    const tenantId = decodeURIComponent(match[2]!);
    const auth = await authenticate(
      request.headers.authorization,
      cloud,
      tenantId,
      compliance ? "compliance" : "exchange",
    );
    if (!auth.ok) {
      const challenge = `Bearer client_id="00000002-0000-0ff1-ce00-000000000000", authorization_uri="${options.authorityBaseFor(cloud)}/${tenantId}/oauth2/authorize", error="invalid_token"`;
      const headers: Record<string, string> = auth.status === 401 ? { "WWW-Authenticate": challenge } : {};
      return send(response, requestId, errorResponse(auth.status, auth.code, auth.message, headers));
    }
    const body = await readJson(request);
    if (!body.ok)
      return send(
        response,
        requestId,
        errorResponse(400, "BadRequest", "The request body is not valid JSON."),
      );
    const prefer = [request.headers.prefer].flat().join(",") || undefined;
    let outcome: InvokeCommandOutcome;
    const operation = match[3]!.toLowerCase();
    if (compliance) {
      outcome =
        operation === "invokecommand"
          ? await handleComplianceCommand({ registry, tenantId, cloud, url, body: body.value })
          : errorResponse(404, "NotFound", "No such resource.");
    } else if (operation === "invokecommand") {
      outcome = await handleInvokeCommand({
        registry,
        limiter,
        tenantId,
        cloud,
        url,
        body: body.value,
        prefer,
        readOnly: auth.readOnly,
      });
    } else {
      outcome = await handleBatch({
        registry,
        limiter,
        tenantId,
        cloud,
        url,
        body: body.value,
        prefer,
        readOnly: auth.readOnly,
      });
    }
    // A dropped session is a connection that dies mid-call, as a broken remote session does.
    if ("dropSession" in outcome) return void request.socket.destroy();
    send(response, requestId, outcome);
  }

  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const header = request.headers["client-request-id"];
    const requestId = typeof header === "string" && header.length <= 64 ? header : crypto.randomUUID();
    route(request, response, requestId).catch((error: unknown) => {
      console.error("Exchange Online simulator: unexpected error", error);
      if (!response.headersSent)
        send(response, requestId, errorResponse(500, "InternalServerError", "Internal error."));
      else response.destroy();
    });
  };

  const { servers, port } = await listenOnAddresses({
    addresses: exchangeOnlineAddresses(),
    port: options.port,
    tls: options.tls,
    handler,
  });
  return {
    port,
    admin,
    baseUrlFor: (cloud) => exchangeOnlineBaseUrl(cloud, port),
    complianceUrlFor: (cloud) => complianceBaseUrl(cloud, port),
    close: () => closeServers(servers),
  };
}
