import { describe, expect, it } from "vitest";
import { backoffCeilingMs, backoffDelayMs, createBackoff, RECONNECT_BACKOFF } from "@/agent/backoff";

describe("reconnect backoff (full jitter)", () => {
  it("waits between zero and a ceiling that doubles per failure from 1 s", () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffCeilingMs(attempt))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000,
    ]);
    expect(backoffDelayMs(3, RECONNECT_BACKOFF, () => 0)).toBe(0);
    expect(backoffDelayMs(3, RECONNECT_BACKOFF, () => 0.999_999)).toBe(7_999);
  });

  it("never waits more than 60 s, however long the outage", () => {
    expect(backoffCeilingMs(6)).toBe(60_000);
    expect(backoffCeilingMs(10_000)).toBe(60_000);
    expect(backoffDelayMs(10_000, RECONNECT_BACKOFF, () => 0.999_999)).toBeLessThan(60_000);
  });

  it("spreads a thousand agents cut off together across the whole window", () => {
    const delays = Array.from({ length: 1000 }, () => backoffDelayMs(8));
    const buckets = new Array(10).fill(0);
    for (const delay of delays) buckets[Math.floor(delay / 6_000)] += 1;
    // Uniform over [0, 60 s): every 6 s slice gets some agents, none gets most of them.
    for (const count of buckets) {
      expect(count).toBeGreaterThan(40);
      expect(count).toBeLessThan(200);
    }
    expect(new Set(delays).size).toBeGreaterThan(900);
  });

  it("grows with consecutive failures and starts small again after a success", () => {
    const backoff = createBackoff(RECONNECT_BACKOFF, () => 0.999_999);
    const first = [backoff.nextDelayMs(), backoff.nextDelayMs(), backoff.nextDelayMs()];
    expect(first).toEqual([999, 1_999, 3_999]);
    expect(backoff.attempt).toBe(3);
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.nextDelayMs()).toBe(999);
  });
});
