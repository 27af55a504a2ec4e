import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_JOB_RESULT_BYTES } from "@/lib/agents/protocol";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { spawnAgent } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";

// A job of several reads through a real agent process and the production web app, its settled
// outcome awaited over NOTIFY; a late job's error names the agent, the cmdlets and what to check.
let bed: AgentTestBed;
let acting: ActingContext;

beforeAll(async () => {
  bed = await startAgentTestBed({ tenantName: "Contoso (reads jobs)" });
  acting = bed.acting;
});

afterAll(async () => {
  await bed?.stop();
});

// Imported once the bed has pointed this process's queue at the run's database.
const jobs = async () => ({
  queue: await (await import("@/lib/jobs/get-queue")).getQueue(),
  enqueue: (await import("@/lib/jobs/enqueue-agent-reads")).enqueueAgentReads,
  wait: (await import("@/lib/jobs/await-agent-job")).awaitAgentJob,
});

describe("reads jobs", () => {
  it("runs several reads in one job, a result for each, and the awaiting side hears of it at once", async () => {
    const { queue, enqueue, wait } = await jobs();
    const agent = spawnAgent(["run", "--config", await bed.pairAgent("EX-READS-1")]);
    try {
      const reads = [
        { cmdlet: "Get-ExchangeServer", parameters: {} },
        { cmdlet: "Get-RemoteDomain", parameters: { Identity: "no-such-remote-domain" } },
        { cmdlet: "Get-ExSetupFileVersion", parameters: { Server: "EX1" } },
      ];
      const jobId = await enqueue({ queue, acting, reads, idempotencyKey: `reads-${crypto.randomUUID()}` });
      const settled = await wait({
        db: bed.db,
        queue,
        acting,
        jobId,
        timeoutMs: 60_000,
        describe: "the test reads",
      });
      expect(settled.outcome.outcome).toBe("succeeded");
      if (settled.outcome.outcome !== "succeeded") return;
      const results = settled.outcome.result.reads ?? [];
      expect(results.map((read) => [read.cmdlet, read.ok])).toEqual([
        ["Get-ExchangeServer", true],
        ["Get-RemoteDomain", false],
        ["Get-ExSetupFileVersion", true],
      ]);
      expect(results[2]).toMatchObject({ objects: [{ Server: "EX1", FileVersion: "15.02.1544.025" }] });
      // The agent's clock came with the result; the database's time of settling is the service's.
      const agentClock = Date.parse(settled.outcome.result.agentClock ?? "");
      expect(Math.abs(agentClock - settled.settledAt.getTime())).toBeLessThan(60_000);
    } finally {
      agent.kill("SIGINT");
    }
  });

  it("refuses a write among reads before it reaches the queue", async () => {
    const { queue, enqueue } = await jobs();
    await expect(
      enqueue({
        queue,
        acting,
        reads: [{ cmdlet: "Set-RemoteDomain", parameters: { Identity: "Default" } }],
        idempotencyKey: `write-${crypto.randomUUID()}`,
      }),
    ).rejects.toThrow(/Set-RemoteDomain must each be a job of its own/);
  });

  it("refuses a result larger than a job may report, with a message that names the limit", async () => {
    const { queue, enqueue } = await jobs();
    const config = await bed.pairAgent("EX-READS-BIG");
    const { credential } = JSON.parse(await readFile(config, "utf8")) as { credential: string };
    const call = (route: string, body: unknown) =>
      fetch(new URL(route, bed.web.url), {
        method: "POST",
        headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const jobId = await enqueue({
      queue,
      acting,
      reads: [{ cmdlet: "Get-SendConnector", parameters: {} }],
      idempotencyKey: `big-${crypto.randomUUID()}`,
    });
    const { job } = await (
      await call("/api/agent/v1/poll", { version: "test", runAs: "CONTOSO\\svc" })
    ).json();
    expect(job.id).toBe(jobId);
    const now = new Date().toISOString();
    const response = await call(`/api/agent/v1/jobs/${jobId}/complete`, {
      leaseToken: job.leaseToken,
      result: {
        objects: [],
        warnings: [],
        timings: { startedAt: now, finishedAt: now, durationMs: 1 },
        reads: [
          {
            ok: true,
            cmdlet: "Get-SendConnector",
            objects: ["x".repeat(MAX_JOB_RESULT_BYTES)],
            warnings: [],
            durationMs: 1,
          },
        ],
      },
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toMatch(
      /Get-SendConnector 8\.0 MiB.*Nothing was cut short/,
    );
    // Not taken: the job is still the agent's, not completed with part of its output.
    const status = await bed.jobStatus(jobId);
    expect(status?.state).toBe("active");
    const { queueFor } = await import("@/lib/jobs/agent-jobs");
    const { boss, name } = await queueFor(queue, acting);
    await boss.cancel(name, jobId);
  });

  it("gives up on a job no agent runs, naming the agents, the cmdlets and what to check", async () => {
    const { queue, enqueue, wait } = await jobs();
    const jobId = await enqueue({
      queue,
      acting,
      reads: [{ cmdlet: "Get-OrganizationConfig", parameters: {} }],
      idempotencyKey: `late-${crypto.randomUUID()}`,
    });
    try {
      const error = await wait({
        db: bed.db,
        queue,
        acting,
        jobId,
        timeoutMs: 1_500,
        describe: "Get-OrganizationConfig",
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      expect(message).toContain("did not finish Get-OrganizationConfig within 2 s");
      expect(message).toContain("No agent has taken the job yet");
      expect(message).toContain('"EX-READS-1"');
      expect(message).toMatch(/HCW8083\/8084\/8100/);
    } finally {
      const { queueFor } = await import("@/lib/jobs/agent-jobs");
      const { boss, name } = await queueFor(queue, acting);
      await boss.cancel(name, jobId);
    }
  });
});
