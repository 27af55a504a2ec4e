import type { IncomingMessage } from "node:http";

/** The header the web server completes here and `clientAddress` reads (lower case, as Node keys headers). */
export const FORWARDED_FOR = "x-forwarded-for";

/**
 * Appends the address the connection came from to the request's X-Forwarded-For, as a proxy does,
 * so that the chain's last entry is one no client can write. The web server calls this before Next
 * sees the request: route handlers have no socket, and Next only fills X-Forwarded-For when it is
 * absent, passing a client's own value through unchanged. `clientAddress` then chooses the entry.
 */
export function appendSocketAddress(request: IncomingMessage): void {
  const socketAddress = request.socket.remoteAddress ?? "unknown";
  const received = request.headers[FORWARDED_FOR];
  request.headers[FORWARDED_FOR] = received ? `${received}, ${socketAddress}` : socketAddress;
}
