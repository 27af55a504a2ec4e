import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/logger";

export interface RequestContext {
  requestId: string;
  log: ReturnType<typeof getLogger>;
}

type Handler<P> = (request: Request, context: RequestContext, params: P) => Promise<Response>;

/**
 * Wraps a route handler: gives it a request id and a logger, and maps errors to
 * HTTP once. Expected errors (AppError, zod) say what to fix; anything else is
 * logged and answered with a generic message carrying the id that finds the log line.
 */
export function handleRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const log = getLogger().child({ requestId, method: request.method, path: new URL(request.url).pathname });
    try {
      const response = await handler(request, { requestId, log }, await route.params);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId, log);
    }
  };
}

function errorResponse(error: unknown, requestId: string, log: RequestContext["log"]): Response {
  const headers = { "x-request-id": requestId };
  if (error instanceof AppError) {
    log.info({ code: error.code }, error.message);
    return NextResponse.json(
      { error: { code: error.code, message: error.message, ...error.details } },
      { status: error.status, headers: { ...error.headers, ...headers } },
    );
  }
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return NextResponse.json(
      { error: { code: "validation_failed", message: "Some fields need correcting.", issues } },
      { status: 422, headers },
    );
  }
  log.error({ err: error }, "unexpected error");
  return NextResponse.json(
    {
      error: {
        code: "internal_error",
        message: `Something went wrong on our side. Quote this id if you contact support: ${requestId}`,
        requestId,
      },
    },
    { status: 500, headers },
  );
}
