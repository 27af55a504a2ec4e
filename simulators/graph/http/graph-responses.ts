import type { ServerResponse } from "node:http";
import type { GraphError } from "../model/graph-error";

/** One answer of the simulated Graph. */
export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

/** Graph's error body: code and message, and innerError with the ids support asks for. */
export function errorResponse(error: GraphError, ids: RequestIds): GraphResponse {
  return {
    status: error.status,
    headers: error.headers,
    body: {
      error: {
        code: error.code,
        message: error.message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ""),
          "request-id": ids.requestId,
          "client-request-id": ids.clientRequestId,
        },
      },
    },
  };
}

export function send(response: ServerResponse, ids: RequestIds, answer: GraphResponse): void {
  const headers: Record<string, string> = {
    "request-id": ids.requestId,
    "client-request-id": ids.clientRequestId,
    ...answer.headers,
  };
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers);
    response.end();
    return;
  }
  response.writeHead(answer.status, {
    "content-type":
      "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
    ...headers,
  });
  response.end(JSON.stringify(answer.body));
}
