/**
 * Which proxy the agent uses to reach its server, decided once from HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY with the same rules undici's EnvHttpProxyAgent applies. Deciding it here (rather than
 * inside undici) lets `status` and every error message say exactly which proxy is in the way.
 */
import type { ProxySetting, ProxySettings } from "../agent-env";

export type ProxyDecision = { kind: "direct"; why: string } | { kind: "proxy"; url: URL; source: string };

export class ProxyConfigError extends Error {
  override name = "ProxyConfigError";
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

/** Proxy URLs often come without a scheme (`proxy:3128`); curl reads those as http. */
export function parseProxyUrl(setting: ProxySetting): URL {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(setting.value) ? setting.value : `http://${setting.value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The value may hold a password, so it is not repeated here.
    throw new ProxyConfigError(
      `${setting.source} is not a URL such as http://user:password@proxy.example.com:3128`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ProxyConfigError(
      `${setting.source} must be an http:// or https:// proxy URL (got ${url.protocol})`,
    );
  }
  return url;
}

/** host:port of a proxy, for messages; the port is spelled out even when it is the default. */
export function describeProxyAddress(url: URL): string {
  return `${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol]}`;
}

/** The proxy URL as it can be shown: the user name stays (it helps), the password never does. */
export function maskProxyUrl(url: URL): string {
  const user = url.username ? `${url.username}${url.password ? ":****" : ""}@` : "";
  return `${url.protocol}//${user}${describeProxyAddress(url)}`;
}

/** The NO_PROXY entry that exempts the target, if any. */
export function findNoProxyMatch(target: URL, noProxy: string): string | undefined {
  // Strip the port from `host` rather than using `hostname`, which keeps IPv6 brackets as undici does.
  const hostname = target.host.replace(/:\d*$/, "").toLowerCase();
  const port = Number.parseInt(target.port, 10) || DEFAULT_PORTS[target.protocol] || 0;
  for (const entry of noProxy.split(/[,\s]/)) {
    if (!entry) continue;
    if (entry === "*") return entry;
    const withPort = /^(.+):(\d+)$/.exec(entry);
    const entryHost = (withPort?.[1] ?? entry).replace(/^\*?\./, "").toLowerCase();
    const entryPort = withPort?.[2] ? Number.parseInt(withPort[2], 10) : 0;
    if (entryPort && entryPort !== port) continue;
    if (hostname === entryHost || hostname.endsWith(`.${entryHost}`)) return entry;
  }
  return undefined;
}

export function decideProxy(target: URL, settings: ProxySettings): ProxyDecision {
  // Like undici: https falls back to the http proxy when only HTTP_PROXY is set.
  const setting =
    target.protocol === "https:" ? (settings.httpsProxy ?? settings.httpProxy) : settings.httpProxy;
  if (!setting) {
    const names = target.protocol === "https:" ? "HTTPS_PROXY or HTTP_PROXY" : "HTTP_PROXY";
    return { kind: "direct", why: `no ${names} is set` };
  }
  const url = parseProxyUrl(setting);
  const match = settings.noProxy ? findNoProxyMatch(target, settings.noProxy.value) : undefined;
  if (match !== undefined && settings.noProxy) {
    return { kind: "direct", why: `${settings.noProxy.source} entry "${match}" matches ${target.hostname}` };
  }
  return { kind: "proxy", url, source: setting.source };
}

export function describeProxyDecision(decision: ProxyDecision): string {
  return decision.kind === "proxy"
    ? `${maskProxyUrl(decision.url)} (from ${decision.source})`
    : `none — direct connection (${decision.why})`;
}
