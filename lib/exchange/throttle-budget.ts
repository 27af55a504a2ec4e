import { setTimeout as sleep } from "node:timers/promises";
import type { AppError } from "@/lib/errors";

// Exchange Online's throttling, honoured: a 429 says when its budget refills (Rate-Limit-Reset, or
// Retry-After); a gather waits that long, up to a budget of its own, then says so instead.

/** Milliseconds until Exchange Online's budget refills, from a throttled answer's headers. */
export function throttleWaitMs(headers: Pick<Headers, "get">, now = Date.now()): number {
  const reset = Date.parse(headers.get("rate-limit-reset") ?? "");
  if (!Number.isNaN(reset)) return Math.max(0, reset - now);
  const retryAfter = headers.get("retry-after")?.trim() ?? "";
  if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const at = Date.parse(retryAfter);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}

export class ThrottleBudget {
  spentMs = 0;
  constructor(private readonly limitMs: number) {}
  /** Waits out a throttle, or refuses (the AppError the 429 became) when the wait would pass the budget. */
  async wait(waitMs: number, refusal: AppError, signal?: AbortSignal): Promise<number> {
    if (this.spentMs + waitMs > this.limitMs) throw refusal;
    this.spentMs += waitMs;
    await sleep(waitMs, undefined, { signal });
    return waitMs;
  }
}
