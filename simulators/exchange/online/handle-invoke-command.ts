import { z } from "zod";
import { isExchangeError } from "../model/exchange-error";
import type { Cloud, OrganizationState } from "../model/organization-state";
import { OrganizationStore } from "../model/organization-store";
import { runOrganizationCmdlet, TransportFault } from "../model/run-organization-cmdlet";
import { type ApiResponse, cmdletErrorResponse, errorResponse } from "./admin-api-responses";
import type { RateLimiter } from "./rate-limiter";
import type { TenantRegistry } from "./tenant-registry";

const ZInvokeCommandBodySchema = z.object({
  CmdletInput: z.object({
    CmdletName: z.string().min(1),
    Parameters: z.record(z.string(), z.unknown()).default({}),
  }),
});

/** A continuation names the command and where the next page starts, so any instance can serve it. */
const ZSkipTokenSchema = z.object({
  c: z.string(),
  p: z.record(z.string(), z.unknown()),
  o: z.number().int().positive(),
});

const DEFAULT_PAGE_SIZE = 1000;

export interface InvokeCommandRequest {
  registry: TenantRegistry;
  limiter: RateLimiter;
  tenantId: string;
  cloud: Cloud;
  /** The URL the request was made to, for @odata.nextLink. */
  url: URL;
  body: unknown;
  prefer: string | undefined;
  /** The caller may only read (Global Reader): any cmdlet but a Get- is refused. */
  readOnly: boolean;
}

export type InvokeCommandOutcome = ApiResponse | { dropSession: true };

function pageSizeOf(prefer: string | undefined): number {
  const match = /odata\.maxpagesize=(\d+)/i.exec(prefer ?? "");
  const size = match ? Number(match[1]) : DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(size, 1), DEFAULT_PAGE_SIZE);
}

function commandOf(
  request: InvokeCommandRequest,
): { cmdlet: string; parameters: Record<string, unknown>; offset: number } | undefined {
  const token = request.url.searchParams.get("$skiptoken");
  if (token) {
    const parsed = ZSkipTokenSchema.safeParse(
      (() => {
        try {
          return JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
        } catch {
          return undefined;
        }
      })(),
    );
    return parsed.success
      ? { cmdlet: parsed.data.c, parameters: parsed.data.p, offset: parsed.data.o }
      : undefined;
  }
  const parsed = ZInvokeCommandBodySchema.safeParse(request.body);
  if (!parsed.success) return undefined;
  return {
    cmdlet: parsed.data.CmdletInput.CmdletName,
    parameters: parsed.data.CmdletInput.Parameters,
    offset: 0,
  };
}

async function readPaired(state: OrganizationState): Promise<OrganizationState | undefined> {
  if (!state.pairedOnPremisesStateFile) return undefined;
  return new OrganizationStore(state.pairedOnPremisesStateFile).readIfExists();
}

/** One InvokeCommand call: tenant, budget, faults, the cmdlet, then a page of its results. */
export async function handleInvokeCommand(request: InvokeCommandRequest): Promise<InvokeCommandOutcome> {
  const store = await request.registry.find(request.tenantId, request.cloud);
  if (!store) {
    return errorResponse(404, "TenantNotFound", `Tenant ${request.tenantId} was not found in this cloud.`);
  }
  const state = await store.read();
  const budget = request.limiter.take(request.tenantId.toLowerCase(), state.rateLimit);
  if (!budget.allowed) {
    return errorResponse(
      429,
      "TooManyRequests",
      "The request was throttled. Retry after the time in Retry-After.",
      {
        ...budget.headers,
        "Retry-After": String(budget.retryAfterSeconds),
      },
    );
  }
  const command = commandOf(request);
  if (!command) {
    return errorResponse(
      400,
      "BadRequest",
      'The body must be {"CmdletInput":{"CmdletName":…,"Parameters":{…}}}.',
      budget.headers,
    );
  }
  if (request.readOnly && !/^Get-/i.test(command.cmdlet)) {
    return errorResponse(
      403,
      "Forbidden",
      `The user isn't assigned to any management roles that allow running ${command.cmdlet}: a Global Reader may only run Get- cmdlets.`,
      budget.headers,
    );
  }
  let output: Awaited<ReturnType<typeof runOrganizationCmdlet>>;
  try {
    output = await runOrganizationCmdlet(store, command.cmdlet, command.parameters, () => readPaired(state));
  } catch (error) {
    if (error instanceof TransportFault) {
      if (error.fault.kind === "drop-session" || error.fault.kind === "crash-after-write")
        return { dropSession: true };
      const retryAfter = error.fault.retryAfterSeconds ?? 30;
      return errorResponse(
        429,
        "TooManyRequests",
        "The request was throttled. Retry after the time in Retry-After.",
        {
          "Retry-After": String(retryAfter),
          "Rate-Limit-Remaining": "0",
          "Rate-Limit-Reset": new Date(Date.now() + retryAfter * 1000).toISOString(),
        },
      );
    }
    if (isExchangeError(error)) return { ...cmdletErrorResponse(error), headers: budget.headers };
    throw error;
  }
  const pageSize = pageSizeOf(request.prefer);
  const page = output.value.slice(command.offset, command.offset + pageSize);
  const body: Record<string, unknown> = {
    "@odata.context": `${request.url.origin}/adminapi/beta/${request.tenantId}/$metadata#Collection(Exchange.GenericHashTable)`,
    value: page,
  };
  const next = command.offset + pageSize;
  if (next < output.value.length) {
    const token = Buffer.from(JSON.stringify({ c: command.cmdlet, p: command.parameters, o: next })).toString(
      "base64url",
    );
    body["@odata.nextLink"] =
      `${request.url.origin}/adminapi/beta/${request.tenantId}/InvokeCommand?$skiptoken=${token}`;
  }
  if (output.warnings.length > 0) body["@adminapi.warnings"] = output.warnings;
  return { status: 200, headers: budget.headers, body };
}
