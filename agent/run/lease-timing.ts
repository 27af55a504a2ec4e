/**
 * When to renew a lease. Measured against the server's clock (its Date header), not this host's:
 * on-premises clocks drift, and a lease computed from a skewed local clock would be renewed too
 * late (and lost) or hammered.
 */
const MIN_HEARTBEAT_MS = 1_000;

/** A third of the lease that remains, so two heartbeats can fail before it runs out. */
export function heartbeatDelayMs(
  leaseExpiresAt: string,
  serverDate: Date | undefined,
  localNow: number = Date.now(),
): number {
  const now = serverDate?.getTime() ?? localNow;
  return Math.max(MIN_HEARTBEAT_MS, Math.floor((Date.parse(leaseExpiresAt) - now) / 3));
}
