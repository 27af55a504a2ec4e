import { z } from "zod";
import { requireCloudConfig } from "@/lib/auth/clouds";
import { AppError } from "@/lib/errors";
import type { Tenant } from "@/lib/generated/prisma/client";

// Exchange Online's admin API, the REST endpoint behind the Exchange Online PowerShell module:
// one cmdlet per POST to /adminapi/beta/{tenant id}/InvokeCommand, its objects in `value`, paged by
// @odata.nextLink, warnings in @adminapi.warnings and failures in OData error bodies.

export const ZInvokeCommandResponseSchema = z.object({
  value: z.array(z.record(z.string(), z.unknown())),
  "@odata.nextLink": z.string().optional(),
  "@adminapi.warnings": z.array(z.string()).optional(),
});

const ZAdminApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .array(z.looseObject({ code: z.string().optional(), message: z.string().optional() }))
      .optional(),
  }),
});

/** A failed cmdlet reads `<error id>|<exception type>|<text>`, as the PowerShell module prints it. */
const CMDLET_ERROR = /^([^|]*)\|([^|]+)\|([\s\S]*)$/;

/** Exchange Online routes admin calls by an anchor mailbox; the tenant's system mailbox serves organization-wide cmdlets. */
const SYSTEM_MAILBOX = "SystemMailbox{8cc370d3-822a-4ab8-a926-bb94bd0641a9}";
export const PAGE_SIZE = 1000;
/** A cmdlet that has not answered in this time is not going to. */
const REQUEST_TIMEOUT_MS = 120_000;

export type ExchangeObject = Record<string, unknown>;

/** Who the admin API call is for and as whom: the tenant's row and the admin's Exchange Online token. */
export type ExchangeOnlineCaller = {
  tenant: Pick<Tenant, "entraTenantId" | "cloud" | "initialDomain">;
  /** An Exchange Online token of the acting admin (acquireExchangeOnlineToken). */
  accessToken: string;
  /**
   * Another endpoint that speaks the same protocol, Security & Compliance (its token is for that
   * endpoint's resource); the cloud's Exchange Online when absent.
   */
  endpoint?: AdminApiEndpoint;
};

export interface AdminApiEndpoint {
  /** As an admin knows it, for the messages: "Security & Compliance". */
  name: string;
  url: string;
}

/** The headers every admin API request carries. */
export function adminApiHeaders(caller: ExchangeOnlineCaller, pageSize = PAGE_SIZE): Record<string, string> {
  return {
    authorization: `Bearer ${caller.accessToken}`,
    "content-type": "application/json",
    accept: "application/json",
    prefer: `odata.maxpagesize=${pageSize}`,
    "x-anchormailbox": `UPN:${SYSTEM_MAILBOX}@${caller.tenant.initialDomain}`,
  };
}

export interface CmdletResult {
  /** Every object the cmdlet returned, all pages. */
  value: ExchangeObject[];
  warnings: string[];
}

export async function invokeExchangeOnlineCmdlet(
  options: ExchangeOnlineCaller & { cmdlet: string; parameters?: Record<string, unknown> },
): Promise<CmdletResult> {
  const { tenant, cmdlet } = options;
  const exchangeUrl = options.endpoint?.url ?? requireCloudConfig(tenant.cloud).exchangeUrl;
  const service = serviceName(options);
  const origin = new URL(exchangeUrl).origin;
  const body = JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: options.parameters ?? {} } });
  const result: CmdletResult = { value: [], warnings: [] };
  let url: string | undefined = `${exchangeUrl}/adminapi/beta/${tenant.entraTenantId}/InvokeCommand`;
  while (url) {
    // The token goes only to this cloud's Exchange Online, whatever a next link says.
    if (new URL(url).origin !== origin) {
      throw new AppError(
        "unavailable",
        `${service} sent ${cmdlet}'s next page to another host than ${origin}.`,
      );
    }
    const page = await postPage(url, body, options, origin);
    result.value.push(...page.value);
    result.warnings.push(...(page["@adminapi.warnings"] ?? []));
    url = page["@odata.nextLink"];
  }
  return result;
}

/** One POST to the admin API (a command, a next page or a $batch); the answer's JSON, or undefined. */
export async function postAdminApi(
  url: string,
  body: string,
  caller: ExchangeOnlineCaller & { pageSize?: number },
  what: string,
  origin: string,
): Promise<{ response: Response; json: unknown }> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: adminApiHeaders(caller, caller.pageSize),
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { response, json: await response.json().catch(() => undefined) };
  } catch (error) {
    if (wasDropped(error)) {
      // Sent, then closed unanswered: whether Exchange Online ran it is unknown until it is read again.
      throw new AppError(
        "unavailable",
        `The connection to ${serviceName(caller)} at ${origin} was closed before it answered ${what}: ${causeOf(error)}.`,
        { connectionDropped: true },
      );
    }
    throw new AppError(
      "unavailable",
      `Could not reach ${serviceName(caller)} at ${origin} to run ${what}: ${causeOf(error)}.`,
    );
  }
}

/** The server closed or reset the connection after the request went out (undici's UND_ERR_SOCKET). */
function wasDropped(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error && "code" in cause ? cause.code : undefined;
  return code === "UND_ERR_SOCKET" || code === "ECONNRESET";
}

/** One page of a command's output. */
export async function postPage(
  url: string,
  body: string,
  options: ExchangeOnlineCaller & { cmdlet: string; pageSize?: number },
  origin: string,
): Promise<z.infer<typeof ZInvokeCommandResponseSchema>> {
  const { cmdlet } = options;
  const { response, json } = await postAdminApi(url, body, options, cmdlet, origin);
  if (response.ok) {
    const parsed = ZInvokeCommandResponseSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    throw new AppError(
      "unavailable",
      `${serviceName(options)} at ${origin} answered ${cmdlet} in an unexpected shape.`,
    );
  }
  throw failureOf(response, json, cmdlet, origin, serviceName(options));
}

/** What failureOf needs of an answer: a fetch Response, or one item of a $batch. */
export type AdminApiAnswer = Pick<Response, "status" | "statusText"> & { headers: Pick<Headers, "get"> };

/** An admin API refusal as an AppError that says what happened and what to do. */
export function failureOf(
  response: AdminApiAnswer,
  json: unknown,
  cmdlet: string,
  origin: string,
  service = "Exchange Online",
): AppError {
  const parsed = ZAdminApiErrorSchema.safeParse(json);
  const code = parsed.success ? parsed.data.error.code : `HTTP ${response.status}`;
  const message = parsed.success ? parsed.data.error.message : response.statusText;
  /** Exchange's own error code, for support and for callers that branch on it. */
  const exchange = { exchangeCode: code };
  switch (response.status) {
    case 400: {
      const detail = parsed.success ? (parsed.data.error.details?.[0] ?? {}) : {};
      const failed = CMDLET_ERROR.exec(detail.message ?? message);
      return new AppError(
        "exchange_error",
        `${service} could not run ${cmdlet}: ${failed ? failed[3] : message}`,
        {
          cmdlet,
          ...(failed ? { errorId: failed[1], exceptionType: failed[2] } : exchange),
          ...(detail.code ? { category: detail.code } : {}),
        },
      );
    }
    case 401:
      return new AppError(
        "unauthenticated",
        `${service} did not accept the sign-in (${code}: ${message}) Sign in again.`,
        exchange,
      );
    case 403:
      return new AppError("forbidden", `${service} refused ${cmdlet} (${code}): ${message}`, exchange);
    case 404:
      return new AppError("not_found", `${service} at ${origin} answered ${code}: ${message}`, exchange);
    case 429: {
      const retryAfterSeconds = retryAfterOf(
        response.headers.get("retry-after") ?? response.headers.get("rate-limit-reset"),
      );
      return new AppError(
        "rate_limited",
        `${service} is throttling this tenant: try ${cmdlet} again ${retryAfterSeconds === undefined ? "later" : `in ${retryAfterSeconds} seconds`}.`,
        { ...exchange, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
      );
    }
    default:
      return new AppError(
        "unavailable",
        `${service} at ${origin} answered ${cmdlet} with ${code}.`,
        exchange,
      );
  }
}

function serviceName(caller: Pick<ExchangeOnlineCaller, "endpoint">): string {
  return caller.endpoint?.name ?? "Exchange Online";
}

/** Retry-After is either seconds or an HTTP date; Rate-Limit-Reset is the date the budget refills. */
function retryAfterOf(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** What went wrong on the wire, in the words of the layer that knows: "other side closed (UND_ERR_SOCKET)". */
function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(cause instanceof Error)) return String(cause);
  const code = "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
  return code && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message;
}
