import { z } from "zod";
import { requireCloudConfig } from "@/lib/auth/clouds";
import { AppError } from "@/lib/errors";
import {
  type ExchangeObject,
  type ExchangeOnlineCaller,
  failureOf,
  PAGE_SIZE,
  postAdminApi,
  postPage,
  ZInvokeCommandResponseSchema,
} from "@/lib/exchange/exchange-online-client";
import { ThrottleBudget, throttleWaitMs } from "@/lib/exchange/throttle-budget";

// Many reads at once through the admin API's $batch (20 commands a request, as Microsoft's JSON
// batching caps it), every page of each followed by its @odata.nextLink, and throttling honoured:
// a 429 waits until its Rate-Limit-Reset (or Retry-After) and asks again for the throttled reads
// alone. Writes stay one InvokeCommand each (invokeExchangeOnlineCmdlet).

const MAX_BATCH_REQUESTS = 20;
/** How long one gather waits for Exchange Online's budget in all, before it says so instead. */
const DEFAULT_THROTTLE_BUDGET_MS = 120_000;

const ZBatchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

export interface OnlineRead {
  cmdlet: string;
  parameters: Record<string, unknown>;
}

export type OnlineReadResult =
  | { ok: true; objects: ExchangeObject[]; warnings: string[]; durationMs: number; throttledMs: number }
  | { ok: false; error: AppError; warnings: string[]; durationMs: number; throttledMs: number };

type Caller = ExchangeOnlineCaller & { pageSize?: number; signal?: AbortSignal };

function bodyOf(read: OnlineRead): {
  CmdletInput: { CmdletName: string; Parameters: Record<string, unknown> };
} {
  return { CmdletInput: { CmdletName: read.cmdlet, Parameters: read.parameters } };
}

export async function readExchangeOnline(
  options: Caller & { reads: OnlineRead[]; throttleBudgetMs?: number },
): Promise<OnlineReadResult[]> {
  const { exchangeUrl } = requireCloudConfig(options.tenant.cloud);
  const origin = new URL(exchangeUrl).origin;
  const base = `${exchangeUrl}/adminapi/beta/${options.tenant.entraTenantId}`;
  const budget = new ThrottleBudget(options.throttleBudgetMs ?? DEFAULT_THROTTLE_BUDGET_MS);
  const results: OnlineReadResult[] = new Array(options.reads.length);
  const chunks: number[][] = [];
  for (let start = 0; start < options.reads.length; start += MAX_BATCH_REQUESTS) {
    chunks.push(options.reads.slice(start, start + MAX_BATCH_REQUESTS).map((_, offset) => start + offset));
  }
  for (const chunk of chunks) {
    await runBatch({ ...options, base, origin, budget, indexes: chunk, results });
  }
  return results;
}

async function runBatch(
  options: Caller & {
    reads: OnlineRead[];
    base: string;
    origin: string;
    budget: ThrottleBudget;
    indexes: number[];
    results: OnlineReadResult[];
  },
): Promise<void> {
  const { reads, base, origin, budget, results } = options;
  const started = performance.now();
  let pending = options.indexes;
  let throttledMs = 0;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  while (pending.length > 0) {
    const batch = {
      requests: pending.map((index) => ({
        id: String(index),
        method: "POST",
        url: `${new URL(base).pathname}/InvokeCommand`,
        headers: { "Content-Type": "application/json", Prefer: `odata.maxpagesize=${pageSize}` },
        body: bodyOf(reads[index]!),
      })),
    };
    const what = pending.map((index) => reads[index]!.cmdlet).join(", ");
    const { response, json } = await postAdminApi(
      `${base}/$batch`,
      JSON.stringify(batch),
      options,
      what,
      origin,
    );
    if (response.status === 429) {
      throttledMs += await budget.wait(
        throttleWaitMs(response.headers),
        failureOf(response, json, what, origin),
        options.signal,
      );
      continue;
    }
    if (!response.ok) throw failureOf(response, json, what, origin);
    const parsed = ZBatchResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new AppError(
        "unavailable",
        `Exchange Online at ${origin} answered a $batch of ${what} in an unexpected shape.`,
      );
    }
    const throttled: { index: number; waitMs: number; refusal: AppError }[] = [];
    for (const item of parsed.data.responses) {
      const index = Number(item.id);
      const read = reads[index];
      if (!read || !pending.includes(index)) continue;
      const headers = new Headers(item.headers ?? {});
      const answer = { status: item.status, statusText: "", headers };
      const elapsed = () => Math.round(performance.now() - started);
      if (item.status === 429) {
        throttled.push({
          index,
          waitMs: throttleWaitMs(headers),
          refusal: failureOf(answer, item.body, read.cmdlet, origin),
        });
        continue;
      }
      if (item.status < 200 || item.status >= 300) {
        results[index] = {
          ok: false,
          error: failureOf(answer, item.body, read.cmdlet, origin),
          warnings: [],
          durationMs: elapsed(),
          throttledMs,
        };
        continue;
      }
      const page = ZInvokeCommandResponseSchema.safeParse(item.body);
      if (!page.success) {
        throw new AppError(
          "unavailable",
          `Exchange Online at ${origin} answered ${read.cmdlet} in an unexpected shape.`,
        );
      }
      const rest = await followNextLinks({ ...options, read, first: page.data, origin, budget });
      results[index] = {
        ok: true,
        ...rest,
        durationMs: elapsed(),
        throttledMs: throttledMs + rest.throttledMs,
      };
    }
    const missing = pending.filter(
      (index) => !results[index] && !throttled.some((entry) => entry.index === index),
    );
    if (missing.length > 0) {
      throw new AppError(
        "unavailable",
        `Exchange Online at ${origin} left ${missing.length} read(s) of a $batch unanswered.`,
      );
    }
    pending = throttled.map((entry) => entry.index);
    if (throttled.length > 0) {
      const longest = throttled.reduce((a, b) => (b.waitMs > a.waitMs ? b : a));
      throttledMs += await budget.wait(longest.waitMs, longest.refusal, options.signal);
    }
  }
}

/** The pages after a batch item's first: each @odata.nextLink, on this cloud's host only. */
async function followNextLinks(
  options: Caller & {
    read: OnlineRead;
    first: z.infer<typeof ZInvokeCommandResponseSchema>;
    origin: string;
    budget: ThrottleBudget;
  },
): Promise<{ objects: ExchangeObject[]; warnings: string[]; throttledMs: number }> {
  const { read, origin, budget } = options;
  const objects = [...options.first.value];
  const warnings = [...(options.first["@adminapi.warnings"] ?? [])];
  let throttledMs = 0;
  let url = options.first["@odata.nextLink"];
  const body = JSON.stringify(bodyOf(read));
  while (url) {
    // The token goes only to this cloud's Exchange Online, whatever a next link says.
    if (new URL(url).origin !== origin) {
      throw new AppError(
        "unavailable",
        `Exchange Online sent ${read.cmdlet}'s next page to another host than ${origin}.`,
      );
    }
    try {
      const page = await postPage(url, body, { ...options, cmdlet: read.cmdlet }, origin);
      objects.push(...page.value);
      warnings.push(...(page["@adminapi.warnings"] ?? []));
      url = page["@odata.nextLink"];
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "rate_limited") throw error;
      const seconds = Number(error.details?.retryAfterSeconds ?? 1);
      throttledMs += await budget.wait(seconds * 1000, error, options.signal);
    }
  }
  return { objects, warnings, throttledMs };
}
