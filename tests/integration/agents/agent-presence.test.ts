import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_ONLINE_WINDOW_MS } from "@/lib/agents/agent-presence";
import { PRESENCE_FLUSH_MS } from "@/lib/agents/presence-refreshes";
import { AGENT_API_PATHS } from "@/lib/agents/protocol";
import { revokeAgent } from "@/lib/agents/revoke-agent";
import { waitFor } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";

// What the Agents page shows as online comes from lastSeenAt: an online agent's refresh is
// written with others' within seconds, an agent coming back at once, and a revoked agent's
// pending refresh not at all.
let bed: AgentTestBed;

beforeAll(async () => {
  bed = await startAgentTestBed({ tenantName: "Contoso (agent presence)" });
});

afterAll(async () => {
  await bed?.stop();
});

/** A paired agent, last seen `agoMs` before now, and its whoami call. */
async function agentLastSeen(name: string, agoMs: number) {
  const config = await bed.pairAgent(name);
  const { credential, agentId } = JSON.parse(await readFile(config, "utf8")) as {
    credential: string;
    agentId: string;
  };
  const lastSeenAt = new Date(Date.now() - agoMs);
  await bed.db.agent.update({ where: { id: agentId }, data: { lastSeenAt } });
  const whoami = () =>
    fetch(new URL(AGENT_API_PATHS.whoami, bed.web.url), {
      headers: { authorization: `Bearer ${credential}` },
    });
  const seenAt = async () => (await bed.db.agent.findUniqueOrThrow({ where: { id: agentId } })).lastSeenAt;
  /** Asks whoami, and waits until the refresh it made due is written. */
  const askAndAwaitRefresh = async (what: string) => {
    const asked = Date.now();
    expect((await whoami()).status).toBe(200);
    await waitFor(
      async () => ((await seenAt())?.getTime() ?? 0) >= asked - 1000,
      `${what} to be written`,
      PRESENCE_FLUSH_MS * 4,
    );
  };
  return { agentId, lastSeenAt, whoami, seenAt, askAndAwaitRefresh };
}

/** Online, and past the minute after which its presence is refreshed. */
const ONLINE_AND_DUE_MS = 90_000;

describe("an agent's presence", () => {
  it("is refreshed for an online agent within seconds of its request", async () => {
    const agent = await agentLastSeen("EX-AGENT-PRESENCE-ONLINE", ONLINE_AND_DUE_MS);
    await agent.askAndAwaitRefresh("the refresh");
  });

  it("is written at once for an agent coming back after it was offline", async () => {
    const agent = await agentLastSeen("EX-AGENT-PRESENCE-BACK", AGENT_ONLINE_WINDOW_MS * 2);
    const asked = Date.now();
    expect((await agent.whoami()).status).toBe(200);
    // No wait: the Agents page hears of the return as the request is answered.
    expect((await agent.seenAt())?.getTime()).toBeGreaterThanOrEqual(asked - 1000);
  });

  it("is never moved back by a refresh written after another instance saw the agent later", async () => {
    const agent = await agentLastSeen("EX-AGENT-PRESENCE-LATER", ONLINE_AND_DUE_MS);
    const witness = await agentLastSeen("EX-AGENT-PRESENCE-LATER-WITNESS", ONLINE_AND_DUE_MS);
    expect((await agent.whoami()).status).toBe(200);
    // Another instance's sighting, written while this one's refresh waits.
    const later = new Date(Date.now() + 60_000);
    await bed.db.agent.update({ where: { id: agent.agentId }, data: { lastSeenAt: later } });
    await witness.askAndAwaitRefresh("the witness's refresh");
    expect(await agent.seenAt()).toEqual(later);
  });

  it("is not refreshed for an agent revoked before its refresh was written", async () => {
    const revoked = await agentLastSeen("EX-AGENT-PRESENCE-REVOKED", ONLINE_AND_DUE_MS);
    const witness = await agentLastSeen("EX-AGENT-PRESENCE-WITNESS", ONLINE_AND_DUE_MS);
    expect((await revoked.whoami()).status).toBe(200);
    await revokeAgent({ db: bed.db, acting: bed.acting, agentId: revoked.agentId });
    // Refreshed in the same write as the revoked agent's, or a later one.
    await witness.askAndAwaitRefresh("the witness's refresh");
    expect(await revoked.seenAt()).toEqual(revoked.lastSeenAt);
  });
});
