import { z } from "zod";
import { type ApiResponse, errorResponse } from "./admin-api-responses";
import {
  handleInvokeCommand,
  type InvokeCommandOutcome,
  type InvokeCommandRequest,
} from "./handle-invoke-command";

/** OData JSON batching, as Microsoft's APIs cap it. */
const MAX_BATCH_REQUESTS = 20;

const ZBatchSchema = z.object({
  requests: z
    .array(
      z.object({
        id: z.string().min(1),
        method: z.string(),
        url: z.string().min(1),
        body: z.unknown().optional(),
        headers: z.record(z.string(), z.string()).optional(),
      }),
    )
    .min(1),
});

/**
 * Runs each request of a $batch in order against the same tenant. A batch item may only address
 * the tenant of the batch itself; a dropped session drops the whole connection.
 */
export async function handleBatch(request: InvokeCommandRequest): Promise<InvokeCommandOutcome> {
  const parsed = ZBatchSchema.safeParse(request.body);
  if (!parsed.success)
    return errorResponse(400, "BadRequest", 'A batch is {"requests":[{"id","method","url","body"}]}.');
  if (parsed.data.requests.length > MAX_BATCH_REQUESTS) {
    return errorResponse(400, "BadRequest", `A batch can hold at most ${MAX_BATCH_REQUESTS} requests.`);
  }
  const responses: (ApiResponse & { id: string })[] = [];
  for (const item of parsed.data.requests) {
    const url = new URL(item.url, `${request.url.origin}/adminapi/beta/${request.tenantId}/`);
    const match = /^\/adminapi\/beta\/([^/]+)\/InvokeCommand$/i.exec(url.pathname);
    let outcome: InvokeCommandOutcome;
    if (item.method.toUpperCase() !== "POST" && item.method.toUpperCase() !== "GET") {
      outcome = errorResponse(405, "MethodNotAllowed", `Method ${item.method} isn't supported in a batch.`);
    } else if (!match) {
      outcome = errorResponse(404, "NotFound", `No such resource: ${item.url}`);
    } else if (decodeURIComponent(match[1]!).toLowerCase() !== request.tenantId.toLowerCase()) {
      outcome = errorResponse(
        403,
        "TenantMismatch",
        "A batch request can only address the batch's own tenant.",
      );
    } else {
      outcome = await handleInvokeCommand({
        ...request,
        url,
        body: item.body,
        prefer: item.headers?.Prefer ?? item.headers?.prefer ?? request.prefer,
      });
    }
    if ("dropSession" in outcome) return outcome;
    responses.push({ id: item.id, ...outcome });
  }
  return { status: 200, headers: {}, body: { responses } };
}
