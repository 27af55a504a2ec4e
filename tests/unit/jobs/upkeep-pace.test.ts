import { describe, expect, it } from "vitest";
import { pauseAfterPass } from "@/lib/jobs/upkeep-pace";

describe("the queues' upkeep rests in proportion to its passes", () => {
  it("passes every interval while a pass is short (a deployment of a few customers)", () => {
    expect(pauseAfterPass(180, 10)).toBe(10_000);
  });

  it("rests nineteen times as long as a long pass took, so the passes take a twentieth of the time", () => {
    // A pass over ten thousand customers' queues took 1.4 s.
    expect(pauseAfterPass(1_400, 10)).toBe(26_600);
  });

  it("checks for lapsed leases within a minute even after the daily retention pass", () => {
    expect(pauseAfterPass(34_000, 10)).toBe(60_000);
  });

  it("keeps an interval set longer than a minute", () => {
    expect(pauseAfterPass(34_000, 120)).toBe(120_000);
    expect(pauseAfterPass(100, 120)).toBe(120_000);
  });
});
