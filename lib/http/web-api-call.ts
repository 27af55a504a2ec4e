import type { ApiAnswer, ApiRequest } from "@/lib/http/api-call";
import { readBounded } from "@/lib/http/bounded-body";

// An API call as Next hands it to a route handler, and the answer as Next sends it.

export function apiRequestOfWeb(request: Request): ApiRequest {
  return {
    method: request.method,
    pathname: new URL(request.url).pathname,
    header: (name) => request.headers.get(name),
    readBody: (limitBytes) => readBounded(request, limitBytes),
    signal: request.signal,
  };
}

export function webResponseOf(answer: ApiAnswer): Response {
  const init = { status: answer.status, headers: answer.headers };
  return answer.json === undefined ? new Response(null, init) : Response.json(answer.json, init);
}
