import type { IncomingMessage, ServerResponse } from "node:http";

// A route handler (Web `Request → Response`) served straight from Node's HTTP server, as Next's
// own adapter serves it (next/dist/server/web/spec-extension/adapters/next-request.js and
// send-response.js): the same request headers, a body read as it arrives, a signal that aborts
// when the client goes away, and the route's headers added to those the server set already.

/**
 * The request as a route handler sees it. `origin` stands in for the scheme and host: route
 * handlers served this way read only the path and the headers.
 */
export function toWebRequest(request: IncomingMessage, response: ServerResponse, origin: string): Request {
  const controller = new AbortController();
  // "close" before "finish" means the client left before its answer was written.
  response.once("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const each of value) headers.append(name, each);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = request.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(request.url ?? "/", origin), {
    method,
    headers,
    signal: controller.signal,
    // Node's IncomingMessage is an async iterable of the body's chunks, which undici reads as it
    // needs them, as Next passes it.
    ...(hasBody ? { body: request as unknown as AsyncIterable<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

/** Headers a response may carry more than once; any other the server set already is kept (as Next does). */
const REPEATABLE_HEADERS = new Set(["set-cookie", "www-authenticate", "proxy-authenticate", "vary"]);

/**
 * Writes the route's answer. Headers the server set before the route ran (security headers) win
 * over the route's own of the same name, as with Next's `headers()`. The body is buffered: these
 * routes answer with small JSON or nothing, never a stream, so it goes out with its length.
 */
export async function sendWebResponse(
  request: IncomingMessage,
  response: ServerResponse,
  answer: Response,
): Promise<void> {
  response.statusCode = answer.status;
  answer.headers.forEach((value, name) => {
    if (name === "content-length" || name === "transfer-encoding" || name === "content-encoding") return;
    if (REPEATABLE_HEADERS.has(name) || !response.hasHeader(name)) response.appendHeader(name, value);
  });
  const body = answer.body && request.method !== "HEAD" ? Buffer.from(await answer.arrayBuffer()) : undefined;
  response.end(body);
}
