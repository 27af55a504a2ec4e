import { describe, expect, it } from "vitest";
import { pollHoldMs } from "@/lib/jobs/poll-hold";

describe("how long an idle poll is held", () => {
  it("is never longer than the configured hold, nor shorter than half of it", () => {
    expect(pollHoldMs(30, () => 0)).toBe(15_000);
    expect(pollHoldMs(30, () => 0.999_999)).toBeLessThanOrEqual(30_000);
  });

  it("spreads a thousand agents that connected together over the second half of the period", () => {
    const holds = Array.from({ length: 1000 }, () => pollHoldMs(30));
    const buckets = new Array(5).fill(0);
    for (const hold of holds) buckets[Math.min(4, Math.floor((hold - 15_000) / 3_000))] += 1;
    // Uniform over [15 s, 30 s]: every 3 s slice gets some agents, none gets most of them.
    for (const count of buckets) {
      expect(count).toBeGreaterThan(100);
      expect(count).toBeLessThan(350);
    }
  });
});
