import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generateAgentKeyPair } from "@/agent/agent-keys";
import type { AgentLog } from "@/agent/agent-log";
import { writeAgentConfig } from "@/agent/config/config-file";
import { runAgent } from "@/agent/run/run-agent";
import { pairAgents } from "@/bench/lib/agent-fleet";
import { waitFor } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";

// The web app killed (SIGKILL: no goodbye) under 100 polling agents, then started again. Each agent
// is the real run loop (agent/run/run-agent.ts), a hundred of them in this one process, each with
// its own config, credential and connection, as a hundred hosts would be.
const AGENTS = 100;

let databaseServer: TestDatabaseServer;
let bed: AgentTestBed;
let workDir: string;
const stop = new AbortController();
const logs: { at: number; message: string }[][] = [];
let runs: Promise<unknown>[] = [];

function recordingLog(lines: { at: number; message: string }[]): AgentLog {
  const record = (message: string) => lines.push({ at: Date.now(), message });
  return { info: record, warn: record, error: record };
}

beforeAll(async () => {
  // A database of its own: pairing 100 agents from loopback, 10 at a time, counts each attempt in
  // flight against loopback's pairing limit, which other tests' failed pairings would have used up.
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_web_killed");
  bed = await startAgentTestBed({ tenantName: "Contoso (web killed)", databaseUrl });
  workDir = await mkdtemp(path.join(tmpdir(), "hw-fault-web-"));
  const keyPair = await generateAgentKeyPair();
  const paired = await pairAgents({
    db: bed.db,
    serverUrl: bed.web.url,
    tenants: Array(AGENTS).fill(bed.acting),
    concurrency: 10,
    keyPair,
  });
  const configs = await Promise.all(
    paired.map(async (agent, index) => {
      const configPath = path.join(workDir, `agent-${index}.json`);
      await writeAgentConfig(configPath, {
        version: 1,
        server: bed.web.url,
        agentId: agent.agentId,
        name: `EX-KILLED-${index}`,
        entraTenantId: bed.acting.tenant.entraTenantId,
        tenantName: "Contoso (web killed)",
        credential: agent.credential,
        ...keyPair,
        pairedAt: new Date().toISOString(),
        executor: "simulated",
        simulatorStateFile: bed.simulatorState,
      });
      return configPath;
    }),
  );
  runs = configs.map((configPath, index) => {
    logs[index] = [];
    return runAgent({ configPath, signal: stop.signal, log: recordingLog(logs[index]!) });
  });
  await waitFor(
    async () => logs.every((lines) => lines.some((line) => line.message.startsWith("connected"))),
    "every agent to connect",
  );
});

afterAll(async () => {
  stop.abort(new Error("test finished"));
  await Promise.all(runs);
  await bed?.stop();
  await databaseServer?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("the web app killed under 100 polling agents", () => {
  it("every agent comes back by itself, each after a random wait", async () => {
    const exited = new Promise((resolve) => bed.web.process.once("exit", resolve));
    const killedAt = Date.now();
    bed.web.process.kill("SIGKILL");
    await exited;
    await bed.restartWeb(0);
    const backAt = Date.now();

    const reconnectedAt = await waitFor(
      async () => {
        const times = logs.map(
          (lines) =>
            lines.find((line) => line.at > killedAt && line.message.startsWith("connected again"))?.at,
        );
        return times.every((at) => at !== undefined) ? (times as number[]) : null;
      },
      "every agent to reconnect",
      180_000,
    );
    // The waits are drawn at random, so a hundred agents cut off together do not return together:
    // few agents waited the same times (the log gives them to a tenth of a second, and an agent that
    // failed once drew from 0–1 s only, so some coincide by chance).
    const waitsOf = (lines: { at: number; message: string }[]) =>
      lines
        .filter((line) => line.at > killedAt && /trying again in/.test(line.message))
        .map((line) => line.message.replace(/^.*trying again in /, ""))
        .join(", ");
    expect(new Set(logs.map(waitsOf)).size).toBeGreaterThan(AGENTS * 0.75);

    // From the kill, since the restarted app answers a little before its start-up call returns.
    const sinceKill = reconnectedAt.map((at) => (at - killedAt) / 1000).sort((a, b) => a - b);
    console.log(
      `web app killed under ${AGENTS} agents and started again (answering after ${((backAt - killedAt) / 1000).toFixed(1)} s): ` +
        `agents reconnected ${sinceKill[0]?.toFixed(1)} s (first), ${sinceKill[AGENTS / 2]?.toFixed(1)} s (median), ` +
        `${sinceKill.at(-1)?.toFixed(1)} s (last) after the kill`,
    );

    // And they work: a job queued now is run.
    const jobId = await bed.enqueueJob({
      cmdlet: "Get-OrganizationConfig",
      parameters: {},
      idempotencyKey: `killed-${crypto.randomUUID()}`,
    });
    await waitFor(async () => (await bed.jobStatus(jobId))?.state === "completed", "the job");
  });
});
