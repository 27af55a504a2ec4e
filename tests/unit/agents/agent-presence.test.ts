import { describe, expect, it } from "vitest";
import { AGENT_ONLINE_WINDOW_MS, isAgentOnline } from "@/lib/agents/agent-presence";

describe("isAgentOnline", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");

  it("shows an agent seen within one last-seen refresh plus one poll hold as online", () => {
    expect(isAgentOnline(new Date(now - 115_000), now)).toBe(true);
  });

  it("shows an agent silent for longer than the window, or never seen, as offline", () => {
    expect(isAgentOnline(new Date(now - AGENT_ONLINE_WINDOW_MS - 1), now)).toBe(false);
    expect(isAgentOnline(null, now)).toBe(false);
  });
});
