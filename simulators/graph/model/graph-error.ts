// Graph's refusals, as its v1.0 endpoint words them. The HTTP layer adds innerError (date, ids).

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "GraphError";
  }
}

export function resourceNotFound(id: string): GraphError {
  return new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function badRequest(message: string): GraphError {
  return new GraphError(400, "Request_BadRequest", message);
}

export function requestDenied(): GraphError {
  return new GraphError(
    403,
    "Authorization_RequestDenied",
    "Insufficient privileges to complete the operation.",
  );
}

export function tooManyRequests(retryAfterSeconds: number, headers: Record<string, string> = {}): GraphError {
  return new GraphError(
    429,
    "TooManyRequests",
    "Too many requests are being made to this tenant. Retry after the time in Retry-After.",
    { ...headers, "Retry-After": String(retryAfterSeconds) },
  );
}
