/**
 * What can go wrong between the agent and its server, each with a message that says what to
 * fix. The run loop decides from the class whether to wait and retry or to stop.
 */
import { describeProxyAddress } from "./proxy";

/** The server answered with an error status (`{ error: { code, message } }` when it could). */
export class AgentServerError extends Error {
  override name = "AgentServerError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From Retry-After, measured against the server's own clock. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The proxy refused the tunnel: 407 for credentials, 403 for policy, 5xx when it could not connect. */
export class ProxyRefusedError extends Error {
  override name = "ProxyRefusedError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** No answer at all: DNS, refused or reset connections, TLS trust, time-outs. Always worth retrying. */
export class ServerUnreachableError extends Error {
  override name = "ServerUnreachableError";
}

/** The server answered something this agent cannot read (often: the agent is too old). */
export class UnexpectedResponseError extends Error {
  override name = "UnexpectedResponseError";
}

export type ConnectionContext = {
  serverUrl: URL;
  proxy?: { url: URL; source: string };
};

export function explainProxyStatus(
  status: number,
  context: ConnectionContext & { proxy: { url: URL; source: string } },
) {
  const at = `the proxy at ${describeProxyAddress(context.proxy.url)}`;
  const target = context.serverUrl.host;
  // 401 too: tinyproxy before 1.12 answers a failed proxy login with 401 (tinyproxy issue #532).
  if (status === 407 || status === 401) {
    const message = context.proxy.url.username
      ? `${at} refused the credentials in ${context.proxy.source} (${status}). Check the user name and password in ` +
        `${context.proxy.source} (special characters must be percent-encoded). No job is lost: jobs stay with the server until this agent reports them.`
      : `${at} requires a user name and password (${status}). Set ${context.proxy.source}=http://USER:PASSWORD@${describeProxyAddress(context.proxy.url)}. ` +
        "No job is lost: jobs stay with the server until this agent reports them.";
    return new ProxyRefusedError(status, message);
  }
  if (status === 403) {
    return new ProxyRefusedError(
      status,
      `${at} does not allow connections to ${target} (403); ask its admins to allow it.`,
    );
  }
  return new ProxyRefusedError(status, `${at} could not connect to ${target} (${status}).`);
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused (nothing listening, or a firewall)",
  ECONNRESET: "the connection was reset",
  ENOTFOUND: "the host name could not be resolved (DNS)",
  EAI_AGAIN: "DNS did not answer",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  UND_ERR_CONNECT_TIMEOUT: "the connection timed out",
  UND_ERR_SOCKET: "the connection closed unexpectedly",
  UND_ERR_HEADERS_TIMEOUT: "no answer arrived in time",
  UND_ERR_BODY_TIMEOUT: "the answer stopped arriving",
  UND_ERR_CLOSED: "the connection closed",
};

const TLS_TRUST_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
]);

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current === "object" && "code" in current && typeof current.code === "string") {
      // undici wraps Node's errno errors; the inner code says more than UND_ERR_SOCKET.
      const inner = "cause" in current ? errorCode(current.cause) : undefined;
      return inner && inner in NETWORK_REASONS ? inner : current.code;
    }
    current = typeof current === "object" && "cause" in current ? current.cause : undefined;
  }
  return undefined;
}

/** Turns a failed request (no HTTP answer) into one of the errors above, in words. */
export function explainRequestFailure(error: unknown, context: ConnectionContext): Error {
  const message = error instanceof Error ? error.message : String(error);
  const proxyStatus = /Proxy response \((\d{3})\)/.exec(message)?.[1];
  if (proxyStatus && context.proxy)
    return explainProxyStatus(Number(proxyStatus), { ...context, proxy: context.proxy });

  const code = errorCode(error);
  const server = context.serverUrl.host;
  if (code && TLS_TRUST_CODES.has(code)) {
    return new ServerUnreachableError(
      `the TLS certificate of ${server} is not trusted (${code}). If it comes from your own CA (or a proxy that ` +
        "inspects TLS), start the agent with NODE_EXTRA_CA_CERTS=/path/to/ca.pem.",
    );
  }
  if (code === "CERT_HAS_EXPIRED")
    return new ServerUnreachableError(`the TLS certificate of ${server} has expired`);
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return new ServerUnreachableError(`the TLS certificate of ${server} is not issued for that name`);
  }
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return new ServerUnreachableError(`${server} did not answer in time`);
  }
  const reason = (code && NETWORK_REASONS[code]) ?? message;
  // Through a proxy, connection errors are about reaching the proxy: it resolves the server itself.
  const via =
    context.proxy &&
    code &&
    ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"].includes(code)
      ? `the proxy at ${describeProxyAddress(context.proxy.url)} (from ${context.proxy.source})`
      : server;
  return new ServerUnreachableError(
    `cannot reach ${via}: ${reason}${code && reason !== code ? ` (${code})` : ""}`,
  );
}
