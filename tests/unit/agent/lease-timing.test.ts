import { describe, expect, it } from "vitest";
import { heartbeatDelayMs } from "@/agent/run/lease-timing";

describe("heartbeat timing", () => {
  const serverNow = new Date("2030-01-01T12:00:00.000Z");
  const leaseExpiresAt = "2030-01-01T12:01:00.000Z"; // a 60 s lease

  it("renews after a third of the lease, so two heartbeats can fail before it runs out", () => {
    expect(heartbeatDelayMs(leaseExpiresAt, serverNow, serverNow.getTime())).toBe(20_000);
  });

  it("is unaffected by this host's clock drifting from the server's", () => {
    const hourAhead = serverNow.getTime() + 3_600_000;
    const hourBehind = serverNow.getTime() - 3_600_000;
    expect(heartbeatDelayMs(leaseExpiresAt, serverNow, hourAhead)).toBe(20_000);
    expect(heartbeatDelayMs(leaseExpiresAt, serverNow, hourBehind)).toBe(20_000);
  });

  it("falls back to the local clock without a Date header, and never hammers the server", () => {
    expect(heartbeatDelayMs(leaseExpiresAt, undefined, serverNow.getTime() + 30_000)).toBe(10_000);
    expect(heartbeatDelayMs(leaseExpiresAt, undefined, serverNow.getTime() + 120_000)).toBe(1_000);
  });
});
