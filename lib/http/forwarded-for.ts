import type { IncomingMessage } from "node:http";

/**
 * Appends the address the connection came from to the request's X-Forwarded-For, as a proxy does,
 * so that the chain's last entry is one no client can write. The web server calls this before Next
 * sees the request: route handlers have no socket, and Next only fills X-Forwarded-For when it is
 * absent, passing a client's own value through unchanged. `clientAddress` then chooses the entry.
 */
export function appendSocketAddress(request: IncomingMessage): void {
  const socketAddress = request.socket.remoteAddress ?? "unknown";
  const received = request.headers["x-forwarded-for"];
  request.headers["x-forwarded-for"] = received ? `${received}, ${socketAddress}` : socketAddress;
}
