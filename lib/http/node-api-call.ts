import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiAnswer, ApiRequest } from "@/lib/http/api-call";
import { readBoundedMessage } from "@/lib/http/bounded-body";

// An API call served straight from Node's HTTP server, without a Web Request or Response in
// between: the agent API, which the web server answers before Next (scripts/lib/agent-api-routes.ts).

export function apiRequestOfNode(request: IncomingMessage, response: ServerResponse): ApiRequest {
  let signal: AbortSignal | undefined;
  return {
    method: request.method ?? "GET",
    pathname: (request.url ?? "/").split("?", 1)[0] ?? "/",
    header(name) {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
    async readBody(limitBytes) {
      try {
        return await readBoundedMessage(request, limitBytes);
      } catch (error) {
        // What was not read is not taken in: the answer goes out, then the connection closes.
        response.setHeader("connection", "close");
        throw error;
      }
    },
    // Made when a route asks (the poll): most calls never need one.
    get signal() {
      if (!signal) {
        const controller = new AbortController();
        // "close" before "finish" means the client left before its answer was written.
        response.once("close", () => {
          if (!response.writableFinished) controller.abort();
        });
        signal = controller.signal;
      }
      return signal;
    },
  };
}

/** Writes the answer, after any headers the server set before the route ran (the security headers). */
export function sendApiAnswer(response: ServerResponse, answer: ApiAnswer): void {
  response.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
  if (answer.json === undefined) {
    response.end();
    return;
  }
  const body = JSON.stringify(answer.json);
  response.setHeader("content-type", "application/json");
  response.setHeader("content-length", Buffer.byteLength(body));
  response.end(body);
}
