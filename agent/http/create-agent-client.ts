/**
 * The agent's side of the protocol (lib/agents/protocol.ts) over undici, through the proxy that
 * HTTPS_PROXY / NO_PROXY choose — credentials in the proxy URL become Proxy-Authorization Basic.
 * Extra CAs come from NODE_EXTRA_CA_CERTS, which Node applies to every TLS connection.
 */
import os from "node:os";
import { Agent, type Dispatcher, ProxyAgent, request } from "undici";
import type { z } from "zod";
import {
  AGENT_API_PATHS,
  type AgentJob,
  type CompleteJobRequest,
  type FailJobRequest,
  type PairRequest,
  type PollRequest,
  ZAgentErrorBodySchema,
  ZAgentJobSchema,
  ZHeartbeatResponseSchema,
  ZJobLeaseSchema,
  ZPairResponseSchema,
  ZRotateCredentialResponseSchema,
  ZWhoamiResponseSchema,
} from "@/lib/agents/protocol";
import type { ProxySettings } from "../agent-env";
import { AGENT_VERSION } from "../version";
import {
  AgentServerError,
  type ConnectionContext,
  explainProxyStatus,
  explainRequestFailure,
  UnexpectedResponseError,
} from "./agent-http-errors";
import { decideProxy, type ProxyDecision } from "./proxy";
import { createRequestSignal } from "./request-signal";

/** The server holds a poll ~30 s; allow for a slow proxy on top before calling it lost. */
const POLL_TIMEOUT_MS = 75_000;
const CALL_TIMEOUT_MS = 30_000;

export type PollOutcome =
  | { kind: "idle" }
  | { kind: "job"; job: AgentJob; serverDate?: Date }
  /** A job this agent cannot read; it can still be handed back through its lease. */
  | { kind: "unreadable"; lease: { id: string; leaseToken: string }; problem: string };

type SendOptions = {
  body?: unknown;
  authenticated?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
};

function parseRetryAfterMs(header: string | undefined, serverDate: Date | undefined): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const until = Date.parse(header);
  // An HTTP date is compared with the server's Date header, not this host's clock, which may drift.
  return Number.isNaN(until) ? undefined : Math.max(0, until - (serverDate ?? new Date()).getTime());
}

function readServerDate(header: string | string[] | undefined): Date | undefined {
  const date = typeof header === "string" ? new Date(header) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function parseBody<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new UnexpectedResponseError(
      `the server's answer to ${what} is not what agent ${AGENT_VERSION} expects (${parsed.error.issues[0]?.message ?? "invalid"}); ` +
        "if the service was updated, update this agent too.",
    );
  }
  return parsed.data;
}

export type AgentClientOptions = {
  /** Base URL, as normalised by ZServerUrlSchema (trailing slash). */
  serverUrl: string;
  credential?: string;
  proxySettings: ProxySettings;
};

export function createAgentClient(options: AgentClientOptions) {
  const serverUrl = new URL(options.serverUrl);
  const proxy: ProxyDecision = decideProxy(serverUrl, options.proxySettings);
  // Tunnel (CONNECT) for http:// servers too, not only https://: one path through the proxy for
  // both, and undici's default for it has changed between versions.
  const dispatcher: Dispatcher =
    proxy.kind === "proxy" ? new ProxyAgent({ uri: proxy.url.href, proxyTunnel: true }) : new Agent();
  const context: ConnectionContext = {
    serverUrl,
    proxy: proxy.kind === "proxy" ? { url: proxy.url, source: proxy.source } : undefined,
  };
  let credential = options.credential;
  const userAgent = `hybrid-agent/${AGENT_VERSION} (${os.platform()}; node ${process.versions.node})`;

  async function send(method: "GET" | "POST", path: string, call: SendOptions = {}) {
    const headers: Record<string, string> = { "user-agent": userAgent, accept: "application/json" };
    if (call.authenticated !== false) {
      if (!credential) throw new Error("this agent has no credential: pair it first");
      headers.authorization = `Bearer ${credential}`;
    }
    if (call.body !== undefined) headers["content-type"] = "application/json";

    const requestSignal = createRequestSignal(call.signal, call.timeoutMs ?? CALL_TIMEOUT_MS);
    let response: Dispatcher.ResponseData;
    let text: string;
    try {
      response = await request(new URL(path.replace(/^\//, ""), serverUrl), {
        method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        dispatcher,
        signal: requestSignal.signal,
      });
      text = await response.body.text();
    } catch (error) {
      if (call.signal?.aborted) throw error; // the caller stopped: not a network problem
      throw explainRequestFailure(requestSignal.timedOut() ? requestSignal.signal.reason : error, context);
    } finally {
      requestSignal.dispose();
    }

    const serverDate = readServerDate(response.headers.date);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (response.statusCode >= 400) {
      if (response.statusCode === 407 && context.proxy) {
        throw explainProxyStatus(407, { ...context, proxy: context.proxy });
      }
      const body = ZAgentErrorBodySchema.safeParse(json);
      const retryAfter = response.headers["retry-after"];
      throw new AgentServerError(
        response.statusCode,
        body.success ? body.data.error.code : `http_${response.statusCode}`,
        body.success
          ? body.data.error.message
          : `the server answered ${response.statusCode}${json === undefined && text ? " (not JSON: a proxy or load balancer may have answered)" : ""}`,
        parseRetryAfterMs(typeof retryAfter === "string" ? retryAfter : undefined, serverDate),
      );
    }
    return { status: response.statusCode, json, serverDate };
  }

  return {
    serverUrl,
    proxy,

    setCredential(next: string) {
      credential = next;
    },

    async pair(body: PairRequest, signal?: AbortSignal) {
      const { json } = await send("POST", AGENT_API_PATHS.pair, { body, authenticated: false, signal });
      return parseBody(ZPairResponseSchema, json, "pairing");
    },

    async poll(body: PollRequest, signal?: AbortSignal): Promise<PollOutcome> {
      const { status, json, serverDate } = await send("POST", AGENT_API_PATHS.poll, {
        body,
        signal,
        timeoutMs: POLL_TIMEOUT_MS,
      });
      if (status === 204) return { kind: "idle" };
      const envelope = typeof json === "object" && json !== null && "job" in json ? json.job : undefined;
      const job = ZAgentJobSchema.safeParse(envelope);
      if (job.success) return { kind: "job", job: job.data, serverDate };
      const lease = ZJobLeaseSchema.safeParse(envelope);
      const issue = job.error.issues[0];
      const problem = `${issue?.path.join(".") || "job"}: ${issue?.message ?? "invalid"}`;
      if (!lease.success) {
        throw new UnexpectedResponseError(
          `the server sent a job agent ${AGENT_VERSION} cannot read (${problem})`,
        );
      }
      return { kind: "unreadable", lease: lease.data, problem };
    },

    async heartbeat(jobId: string, leaseToken: string, signal?: AbortSignal) {
      const { json, serverDate } = await send("POST", AGENT_API_PATHS.heartbeat(jobId), {
        body: { leaseToken },
        signal,
      });
      return { ...parseBody(ZHeartbeatResponseSchema, json, "a heartbeat"), serverDate };
    },

    async complete(jobId: string, body: CompleteJobRequest, signal?: AbortSignal): Promise<void> {
      await send("POST", AGENT_API_PATHS.complete(jobId), { body, signal });
    },

    async fail(jobId: string, body: FailJobRequest, signal?: AbortSignal): Promise<void> {
      await send("POST", AGENT_API_PATHS.fail(jobId), { body, signal });
    },

    async rotateCredential(signal?: AbortSignal) {
      const { json } = await send("POST", AGENT_API_PATHS.rotateCredential, { body: {}, signal });
      return parseBody(ZRotateCredentialResponseSchema, json, "credential rotation").credential;
    },

    async whoami(signal?: AbortSignal) {
      const { json } = await send("GET", AGENT_API_PATHS.whoami, { signal });
      return parseBody(ZWhoamiResponseSchema, json, "whoami");
    },

    close(): Promise<void> {
      return dispatcher.close();
    },
  };
}

export type AgentClient = ReturnType<typeof createAgentClient>;
