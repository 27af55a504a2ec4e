/** A fixed-window request budget per tenant, as the admin API reports it in Rate-Limit-* headers. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();

  take(
    tenantId: string,
    limit: { limit: number; windowSeconds: number } | undefined,
    now = Date.now(),
  ): { allowed: boolean; headers: Record<string, string>; retryAfterSeconds: number } {
    if (!limit) return { allowed: true, headers: {}, retryAfterSeconds: 0 };
    const length = limit.windowSeconds * 1000;
    let window = this.windows.get(tenantId);
    if (!window || now - window.start >= length) {
      window = { start: now, used: 0 };
      this.windows.set(tenantId, window);
    }
    const allowed = window.used < limit.limit;
    if (allowed) window.used += 1;
    const reset = window.start + length;
    return {
      allowed,
      retryAfterSeconds: Math.max(1, Math.ceil((reset - now) / 1000)),
      headers: {
        "Rate-Limit-Limit": String(limit.limit),
        "Rate-Limit-Remaining": String(limit.limit - window.used),
        "Rate-Limit-Reset": new Date(reset).toISOString(),
      },
    };
  }
}
