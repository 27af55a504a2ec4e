import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAgent, spawnAgent, waitFor } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { proxyEnvFor, type SquidAccess, type SquidProxy, startSquidProxy } from "@/tests/helpers/squid-proxy";

// The agent behind a real proxy that wants a password (squid), as in most corporate networks.
// NO_PROXY is blank, so whatever reaches the web app went through squid; squid's access log shows it.
const PROXY_USER = "svc-agent";
// Characters that must be percent-encoded in the proxy URL, as real passwords have.
const PROXY_PASSWORD = "p@ss:w0rd/1";
const WRONG_PASSWORD = "not-the-password";

let bed: AgentTestBed;
let proxy: SquidProxy;

beforeAll(async () => {
  proxy = await startSquidProxy({ user: PROXY_USER, password: PROXY_PASSWORD });
  bed = await startAgentTestBed({ tenantName: "Contoso (proxy tests)" });
});

afterAll(async () => {
  await bed?.stop();
  await proxy?.stop();
});

const through = (password: string) => proxyEnvFor(proxy.urlWith(PROXY_USER, password));

/**
 * Squid's log of tunnels to the web app, once `until` holds: squid writes a tunnel's line when
 * the tunnel closes, a moment after the agent lets go of it.
 */
function tunnelsToWebApp(until: (tunnels: SquidAccess[]) => boolean) {
  const webApp = new URL(bed.web.url).host;
  return waitFor(async () => {
    const tunnels = (await proxy.accessLog()).filter(
      (entry) => entry.method === "CONNECT" && entry.url === webApp,
    );
    return until(tunnels) ? tunnels : null;
  }, "squid to log the agent's tunnels to the web app");
}

async function stop(agent: ReturnType<typeof spawnAgent>) {
  const exited = new Promise((resolve) => agent.once("exit", resolve));
  agent.kill("SIGINT");
  await exited;
}

function enqueue(cmdlet: "Get-AcceptedDomain" | "Get-ExchangeServer") {
  return bed.enqueueJob({
    cmdlet,
    parameters: {},
    idempotencyKey: `proxy-${crypto.randomUUID()}`,
  });
}

async function completed(jobId: string) {
  return waitFor(async () => {
    const status = await bed.jobStatus(jobId);
    return status?.state === "completed" ? status : null;
  }, `job ${jobId} to complete`);
}

describe("an agent behind an authenticating proxy", () => {
  it("pairs and runs jobs through the proxy, logging in with the credentials in the proxy URL", async () => {
    const config = await bed.pairAgent("EX-PROXY-1", through(PROXY_PASSWORD));
    expect(await tunnelsToWebApp((tunnels) => tunnels.length > 0)).toEqual([
      expect.objectContaining({ result: "TCP_TUNNEL", status: 200, user: PROXY_USER }),
    ]);

    const agent = spawnAgent(["run", "--config", config], through(PROXY_PASSWORD));
    try {
      const status = await completed(await enqueue("Get-ExchangeServer"));
      expect(status.outcome).toMatchObject({ outcome: "succeeded" });
    } finally {
      await stop(agent);
    }
    expect(agent.output()).toContain(
      `proxy: http://${PROXY_USER}:****@127.0.0.1:${proxy.port} (from HTTP_PROXY)`,
    );
    expect(agent.output()).not.toContain("w0rd");
    const tunnels = await tunnelsToWebApp((tunnels) => tunnels.length > 1);
    expect(tunnels.every((entry) => entry.result === "TCP_TUNNEL" && entry.user === PROXY_USER)).toBe(true);
  });

  it("says the proxy refused a wrong password, and loses nothing: config, pairing code and job", async () => {
    const config = await bed.pairAgent("EX-PROXY-2", through(PROXY_PASSWORD));
    const configBefore = await readFile(config, "utf8");
    const jobId = await enqueue("Get-AcceptedDomain");
    const refusal =
      `the proxy at 127.0.0.1:${proxy.port} refused the credentials in HTTP_PROXY (407). ` +
      "Check the user name and password in HTTP_PROXY (special characters must be percent-encoded). " +
      "No job is lost: jobs stay with the server until this agent reports them.";

    const refused = spawnAgent(["run", "--config", config], through(WRONG_PASSWORD));
    try {
      // It keeps trying (with backoff) rather than giving up: a fixed password brings it back.
      await waitFor(
        async () => refused.output().includes(`${refusal}; trying again in`),
        "the agent to report the refusal",
      );
      expect(refused.exitCode).toBeNull();
    } finally {
      await stop(refused);
    }
    expect(refused.output()).not.toContain(WRONG_PASSWORD);
    const denied = await tunnelsToWebApp((tunnels) => tunnels.some((entry) => entry.status === 407));
    expect(denied).toContainEqual(
      expect.objectContaining({ result: "TCP_DENIED", status: 407, user: PROXY_USER }),
    );
    expect(await bed.jobStatus(jobId)).toMatchObject({
      state: "created",
      attempts: 1,
    });

    const status = await runAgent(["status", "--config", config], through(WRONG_PASSWORD));
    expect(status.code).toBe(1);
    expect(status.output).toContain(`Reachable: NO — ${refusal}`);

    // Re-pairing through the refusing proxy fails before anything is replaced or spent.
    const { code } = await bed.newPairingCode();
    const pairArgs = (configPath: string) => [
      "pair",
      code,
      "--server",
      bed.web.url,
      "--config",
      configPath,
      "--executor",
      "simulated",
      "--simulator-state",
      bed.simulatorState,
      "--force",
    ];
    const repair = await runAgent(pairArgs(config), through(WRONG_PASSWORD));
    expect(repair.code).toBe(1);
    expect(repair.output).toContain(`hybrid-agent: ${refusal}`);
    expect(await readFile(config, "utf8")).toBe(configBefore);
    const elsewhere = path.join(await mkdtemp(path.join(tmpdir(), "hw-agent-")), "config.json");
    const paired = await runAgent(pairArgs(elsewhere), through(PROXY_PASSWORD));
    expect(paired.code, paired.output).toBe(0);

    // With the right password the waiting job is taken, once.
    const agent = spawnAgent(["run", "--config", config], through(PROXY_PASSWORD));
    try {
      const done = await completed(jobId);
      expect(done).toMatchObject({ attempts: 1, outcome: { outcome: "succeeded" } });
    } finally {
      await stop(agent);
    }
  }, 180_000);
});
