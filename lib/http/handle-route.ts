import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ApiAnswer, ApiRequest } from "@/lib/http/api-call";
import { apiRequestOfWeb, webResponseOf } from "@/lib/http/web-api-call";
import { getLogger } from "@/lib/logger";
import { errorHelpPath } from "@/lib/openapi/error-guide";

export interface RequestContext {
  requestId: string;
  log: ReturnType<typeof getLogger>;
}

type Handler<P> = (request: Request, context: RequestContext, params: P) => Promise<Response>;

/**
 * A wrapper's arguments: the handler, after the schema of the route's path parameters when it has
 * any. Those are validated like a body, before the handler runs: one that does not fit names no
 * resource, so it is a 404 that says so.
 */
export type RouteArgs<P, H> = [handler: H] | [params: z.ZodType<P>, handler: H];

export function splitRouteArgs<P, H>(args: RouteArgs<P, H>): [z.ZodType<P> | undefined, H] {
  return args.length === 1 ? [undefined, args[0]] : args;
}

function parseRouteParams<P>(schema: z.ZodType<P> | undefined, raw: unknown): P {
  // Without a schema the route has no path parameters; Next passes an empty object.
  if (!schema) return raw as P;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError("not_found", parsed.error.issues.map((issue) => issue.message).join(" "));
}

/**
 * Wraps a route handler: gives it a request id and a logger, checks its path parameters, and maps
 * errors to HTTP once. Expected errors (AppError, zod) say what to fix; anything else is
 * logged and answered with a generic message carrying the id that finds the log line.
 */
export function handleRoute<P = Record<string, never>>(...args: RouteArgs<P, Handler<P>>) {
  return wrapRoute(...splitRouteArgs(args));
}

function contextOf(requestId: string | null, method: string, pathname: string): RequestContext {
  const id = requestId ?? randomUUID();
  return { requestId: id, log: getLogger().child({ requestId: id, method, path: pathname }) };
}

/** handleRoute with its arguments split, for the wrappers built on it (userRoute). */
export function wrapRoute<P>(paramsSchema: z.ZodType<P> | undefined, handler: Handler<P>) {
  return async (request: Request, route: { params: Promise<unknown> }): Promise<Response> => {
    const context = contextOf(
      request.headers.get("x-request-id"),
      request.method,
      new URL(request.url).pathname,
    );
    try {
      const params = parseRouteParams(paramsSchema, await route.params);
      return withApiHeaders(await handler(request, context, params), context.requestId);
    } catch (error) {
      return withApiHeaders(webResponseOf(errorAnswer(error, context)), context.requestId);
    }
  };
}

type ApiHandler<P> = (request: ApiRequest, context: RequestContext, params: P) => Promise<ApiAnswer>;

/**
 * A JSON API route both servers can call: Next, as the function it is, and the web server's own
 * answer to the agent API (scripts/lib/agent-api-routes.ts) through `answer`, given Node's request.
 */
export type ApiRoute = ((request: Request, route: { params: Promise<unknown> }) => Promise<Response>) & {
  answer(request: ApiRequest, params: unknown): Promise<ApiAnswer>;
};

/** handleRoute for a handler of an ApiRequest (the agent API's pairing; agentRoute is built on wrapApiRoute). */
export function handleApiRoute<P = Record<string, never>>(...args: RouteArgs<P, ApiHandler<P>>): ApiRoute {
  return wrapApiRoute(...splitRouteArgs(args));
}

/** wrapRoute for a handler of an ApiRequest: the same context, checks and error answers. */
export function wrapApiRoute<P>(paramsSchema: z.ZodType<P> | undefined, handler: ApiHandler<P>): ApiRoute {
  const answer = async (request: ApiRequest, rawParams: unknown): Promise<ApiAnswer> => {
    const context = contextOf(request.header("x-request-id"), request.method, request.pathname);
    let answered: ApiAnswer;
    try {
      answered = await handler(request, context, parseRouteParams(paramsSchema, rawParams));
    } catch (error) {
      answered = errorAnswer(error, context);
    }
    return {
      ...answered,
      headers: { ...API_HEADERS, ...answered.headers, "x-request-id": context.requestId },
    };
  };
  const next = async (request: Request, route: { params: Promise<unknown> }) =>
    webResponseOf(await answer(apiRequestOfWeb(request), await route.params));
  return Object.assign(next, { answer });
}

/** API answers are per caller (tokens, tenants' data): no cache keeps them unless a route says otherwise. */
const API_HEADERS = { "cache-control": "no-store" };

function withApiHeaders(response: Response, requestId: string): Response {
  response.headers.set("x-request-id", requestId);
  for (const [name, value] of Object.entries(API_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
}

function errorAnswer(error: unknown, { requestId, log }: RequestContext): ApiAnswer {
  if (error instanceof AppError) {
    log.info({ code: error.code }, error.message);
    return {
      status: error.status,
      json: {
        error: {
          code: error.code,
          message: error.message,
          docs: errorHelpPath(error.code),
          ...error.details,
        },
      },
      headers: error.headers,
    };
  }
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return {
      status: 422,
      json: {
        error: {
          code: "validation_failed",
          message: "Some fields need correcting.",
          docs: errorHelpPath("validation_failed"),
          issues,
        },
      },
    };
  }
  log.error({ err: error }, "unexpected error");
  return {
    status: 500,
    json: {
      error: {
        code: "internal_error",
        message: `Something went wrong on our side. Quote this id if you contact support: ${requestId}`,
        docs: errorHelpPath("internal_error"),
        requestId,
      },
    },
  };
}
