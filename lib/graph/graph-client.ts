import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { requireCloudConfig } from "@/lib/auth/clouds";
import { AppError } from "@/lib/errors";
import type { Tenant } from "@/lib/generated/prisma/client";
import { retryAfterSeconds } from "@/lib/http/retry-after";

// Microsoft Graph v1.0, reached only at the tenant's cloud's Graph URL (CLOUD_<KEY>_GRAPH_URL) with
// the admin's on-behalf-of token. Throttling (429) is waited out as Retry-After says, a few times;
// every other refusal becomes an AppError that says what was refused and what to do.

/** The acting admin's access to Graph in one tenant. */
export interface GraphConnection {
  tenant: Pick<Tenant, "cloud">;
  /** A Graph token of the acting admin (acquireGraphToken). */
  accessToken: string;
}

export interface GraphRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Under /v1.0, e.g. `/applications`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** What the request does, in an admin's words, for messages: "create the application X". */
  action: string;
  /** What the admin can do when Graph says they may not (which roles are needed, who can help). */
  whenDenied?: string;
}

const ZGraphErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    innerError: z.looseObject({ "request-id": z.string().optional() }).optional(),
  }),
});

/** Waits Graph asks for beyond this are not waited out: the caller hears when to come back. */
const MAX_RETRY_WAIT_SECONDS = 60;
const MAX_ATTEMPTS = 4;
const DEFAULT_RETRY_AFTER_SECONDS = 10;
const REQUEST_TIMEOUT_MS = 60_000;

/** A request whose answer is an object or a collection, parsed with `schema`. */
export async function readGraph<T>(
  connection: GraphConnection,
  request: GraphRequest,
  schema: z.ZodType<T>,
): Promise<T> {
  const { response, origin } = await exchange(connection, request);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (parsed.success) return parsed.data;
  throw new AppError(
    "unavailable",
    `Microsoft Graph at ${origin} answered in an unexpected shape when asked to ${request.action}.`,
  );
}

/** A request that changes something and answers nothing to read (PATCH, DELETE: 204). */
export async function writeGraph(connection: GraphConnection, request: GraphRequest): Promise<void> {
  const { response } = await exchange(connection, request);
  await response.body?.cancel();
}

/** Sends the request until Graph stops throttling it (within limits); a refusal becomes an AppError. */
async function exchange(
  connection: GraphConnection,
  request: GraphRequest,
): Promise<{ response: Response; origin: string }> {
  const { graphUrl } = requireCloudConfig(connection.tenant.cloud);
  const url = new URL(`${graphUrl}/v1.0${request.path}`);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
  for (let attempt = 1; ; attempt++) {
    const response = await send(connection, request, url);
    if (response.ok) return { response, origin: url.origin };
    if (response.status !== 429) {
      throw failureOf(response, await response.json().catch(() => undefined), request, url.origin);
    }
    const wait = retryAfterSeconds(response.headers.get("retry-after")) ?? DEFAULT_RETRY_AFTER_SECONDS;
    await response.body?.cancel();
    if (attempt >= MAX_ATTEMPTS || wait > MAX_RETRY_WAIT_SECONDS) {
      throw new AppError(
        "rate_limited",
        `Microsoft Graph is throttling this tenant: try to ${request.action} again in ${wait} seconds.`,
        { retryAfterSeconds: wait },
      );
    }
    await sleep(wait * 1000);
  }
}

async function send(connection: GraphConnection, request: GraphRequest, url: URL): Promise<Response> {
  try {
    return await fetch(url, {
      method: request.method,
      headers: {
        authorization: `Bearer ${connection.accessToken}`,
        accept: "application/json",
        "client-request-id": crypto.randomUUID(),
        ...(request.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      redirect: "error",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new AppError(
      "unavailable",
      `Could not reach Microsoft Graph at ${url.origin} to ${request.action}: ${cause}.`,
    );
  }
}

function failureOf(response: Response, json: unknown, request: GraphRequest, origin: string): AppError {
  const parsed = ZGraphErrorSchema.safeParse(json);
  const code = parsed.success ? parsed.data.error.code : `HTTP ${response.status}`;
  const message = parsed.success ? parsed.data.error.message : response.statusText;
  const requestId = parsed.data?.error.innerError?.["request-id"] ?? response.headers.get("request-id");
  /** Graph's own code, and the id its support asks for. */
  const details = requestId ? { graphCode: code, requestId } : { graphCode: code };
  switch (response.status) {
    case 400:
      return new AppError("graph_error", `Microsoft Graph could not ${request.action}: ${message}`, details);
    case 401:
      return new AppError(
        "unauthenticated",
        `Microsoft Graph did not accept the sign-in (${code}: ${message}) Sign in again.`,
        details,
      );
    case 403:
      return new AppError(
        "forbidden",
        [`Microsoft Graph refused to ${request.action} (${code}: ${message})`, request.whenDenied]
          .filter(Boolean)
          .join(" "),
        details,
      );
    case 404:
      return new AppError(
        "not_found",
        `Microsoft Graph found nothing to ${request.action} (${code}: ${message})`,
        details,
      );
    case 409:
      return new AppError("conflict", `Microsoft Graph could not ${request.action}: ${message}`, details);
    default:
      return new AppError(
        "unavailable",
        `Microsoft Graph at ${origin} answered ${code} when asked to ${request.action}.`,
        details,
      );
  }
}

/** A string literal in an OData $filter: quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
