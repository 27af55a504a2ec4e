import { isIP } from "node:net";
import { getClientAddressEnv } from "@/lib/env";
import { FORWARDED_FOR } from "@/lib/http/forwarded-for";

/**
 * The caller's address, from the X-Forwarded-For chain (read through `header`) the web server
 * completed with the connection's own address (lib/http/forwarded-for.ts). Entries left of the proxies the operator
 * trusts (TRUSTED_PROXY_HOPS) were written by the caller, so they are never used: with no proxy
 * the address is the connection's; behind one load balancer, the entry it appended. A chain shorter
 * than that came past the proxies and gives its first entry. What is not an IP address is "unknown".
 */
export function clientAddress(header: (name: string) => string | null): string {
  const chain = (header(FORWARDED_FOR) ?? "").split(",").map((entry) => entry.trim());
  const hops = getClientAddressEnv().TRUSTED_PROXY_HOPS;
  return normalizeAddress(chain[Math.max(0, chain.length - 1 - hops)] ?? "");
}

/** Proxies write `1.2.3.4:port` or `[2001:db8::1]:port` too; IPv4 in IPv6 (`::ffff:1.2.3.4`) is IPv4. */
function normalizeAddress(entry: string): string {
  const unwrapped = /^\[([^\]]+)\](?::\d+)?$/.exec(entry)?.[1] ?? /^([\d.]+):\d+$/.exec(entry)?.[1] ?? entry;
  const address = unwrapped.replace(/^::ffff:(?=[\d.]+$)/i, "");
  return isIP(address) ? address.toLowerCase() : "unknown";
}
