import { getClientAddressEnv } from "@/lib/env";

// A host name or IP literal with an optional port, nothing else: the value ends up in a command
// an admin copies, so anything odd in a spoofed Host header is dropped rather than shown.
const HOST_PATTERN = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

function first(value: string | null): string | undefined {
  return value?.split(",")[0]?.trim() || undefined;
}

/**
 * The address this request reached the service at (`https://wizard.contoso.com`); undefined when
 * it cannot be told. X-Forwarded-Host and -Proto are the caller's own words unless the operator
 * declared proxies in front (TRUSTED_PROXY_HOPS), so only then are they used. Without one the Host
 * header is what the request was sent to: the web app speaks HTTP on loopback only, so a loopback
 * host is http and any other came through a TLS terminator, https.
 */
export function requestOrigin(
  headers: Headers,
  trustedProxyHops: number = getClientAddressEnv().TRUSTED_PROXY_HOPS,
): string | undefined {
  const behindProxy = trustedProxyHops > 0;
  const host =
    (behindProxy ? first(headers.get("x-forwarded-host")) : undefined) ?? first(headers.get("host"));
  if (!host || !HOST_PATTERN.test(host)) return undefined;
  const forwardedProtocol = behindProxy ? first(headers.get("x-forwarded-proto")) : undefined;
  const protocol =
    (forwardedProtocol ?? (LOOPBACK_HOST.test(host) ? "http" : "https")) === "http" ? "http" : "https";
  return `${protocol}://${host}`;
}
