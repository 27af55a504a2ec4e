import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
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

/** handleRoute with its arguments split, for the wrappers built on it (userRoute, agentRoute). */
export function wrapRoute<P>(paramsSchema: z.ZodType<P> | undefined, handler: Handler<P>) {
  return async (request: Request, route: { params: Promise<unknown> }): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const log = getLogger().child({ requestId, method: request.method, path: new URL(request.url).pathname });
    try {
      const params = parseRouteParams(paramsSchema, await route.params);
      return apiHeaders(await handler(request, { requestId, log }, params), requestId);
    } catch (error) {
      return apiHeaders(errorResponse(error, requestId, log), requestId);
    }
  };
}

/** API answers are per caller (tokens, tenants' data): no cache keeps them unless a route says otherwise. */
function apiHeaders(response: Response, requestId: string): Response {
  response.headers.set("x-request-id", requestId);
  if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
  return response;
}

function errorResponse(error: unknown, requestId: string, log: RequestContext["log"]): Response {
  const headers = { "x-request-id": requestId };
  if (error instanceof AppError) {
    log.info({ code: error.code }, error.message);
    return NextResponse.json(
      {
        error: {
          code: error.code,
          message: error.message,
          docs: errorHelpPath(error.code),
          ...error.details,
        },
      },
      { status: error.status, headers: { ...error.headers, ...headers } },
    );
  }
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return NextResponse.json(
      {
        error: {
          code: "validation_failed",
          message: "Some fields need correcting.",
          docs: errorHelpPath("validation_failed"),
          issues,
        },
      },
      { status: 422, headers },
    );
  }
  log.error({ err: error }, "unexpected error");
  return NextResponse.json(
    {
      error: {
        code: "internal_error",
        message: `Something went wrong on our side. Quote this id if you contact support: ${requestId}`,
        docs: errorHelpPath("internal_error"),
        requestId,
      },
    },
    { status: 500, headers },
  );
}
