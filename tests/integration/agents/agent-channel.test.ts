import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { revokeAgent } from "@/lib/agents/revoke-agent";
import { runAgent, spawnAgent, waitFor } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, SHORT_LEASE, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { startWebApp } from "@/tests/helpers/web-app";

// Real processes throughout: the production web app, the agent CLI, the on-premises simulator.
let bed: AgentTestBed;

beforeAll(async () => {
  bed = await startAgentTestBed({ tenantName: "Contoso (agent tests)" });
});

afterAll(async () => {
  await bed?.stop();
});

describe("pairing", () => {
  it("writes a config file only its owner can read, and the agent says where it is paired", async () => {
    const config = await bed.pairAgent("EX-AGENT-1");
    expect((await stat(config)).mode & 0o777).toBe(0o600);
    const status = await runAgent(["status", "--config", config]);
    expect(status.code).toBe(0);
    expect(status.output).toContain("Contoso (agent tests)");
  });

  it("refuses a wrong, a used, an expired and a revoked code, each with its own reason", async () => {
    const config = path.join(await mkdtemp(path.join(tmpdir(), "hw-agent-")), "config.json");
    const pair = (code: string) =>
      runAgent(["pair", code, "--server", bed.web.url, "--config", config, "--force"]);

    const wrong = await pair("ZZZZZZ-ZZZZZZZZZZ");
    expect(wrong.code).not.toBe(0);
    expect(wrong.output).toContain("not valid");

    const { code } = await bed.newPairingCode();
    expect((await pair(code)).code).toBe(0);
    const used = await pair(code);
    expect(used.code).not.toBe(0);
    expect(used.output).toContain("already used");

    const expiring = await bed.newPairingCode();
    await bed.db.pairingCode.update({
      where: { id: expiring.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await pair(expiring.code);
    expect(expired.code).not.toBe(0);
    expect(expired.output).toContain("expired");

    const revokedCode = await bed.newPairingCode();
    await bed.db.pairingCode.update({ where: { id: revokedCode.id }, data: { revokedAt: new Date() } });
    expect((await pair(revokedCode.code)).output).toContain("not valid");
  });

  it("stores only hashes of codes and credentials", async () => {
    const { code, id } = await bed.newPairingCode();
    const row = await bed.db.pairingCode.findUniqueOrThrow({ where: { id } });
    expect(Buffer.from(row.secretHash).toString("utf8")).not.toContain(code.split("-")[1]);
    expect(row.secretHash).toHaveLength(32);
  });
});

describe("the job channel", () => {
  it("pair → poll → job → complete: the agent runs the cmdlet against on-premises Exchange", async () => {
    const config = await bed.pairAgent("EX-AGENT-2");
    const agent = spawnAgent(["run", "--config", config]);
    try {
      const jobId = await bed.enqueueJob({
        cmdlet: "Get-ExchangeServer",
        parameters: {},
        idempotencyKey: `test-${crypto.randomUUID()}`,
      });
      const status = await waitFor(async () => {
        const current = await bed.jobStatus(jobId);
        return current?.state === "completed" ? current : null;
      }, "the job to complete");
      expect(status.outcome).toMatchObject({ outcome: "succeeded" });
      const objects = status.outcome?.outcome === "succeeded" ? status.outcome.result.objects : [];
      expect(objects.map((server) => (server as { Name: string }).Name)).toContain("EX1");
    } finally {
      agent.kill("SIGINT");
    }
  });

  it("puts a job whose lease ran out back in the queue, and applies only the newer attempt's result", async () => {
    const config = await bed.pairAgent("EX-AGENT-LEASE");
    const { credential } = JSON.parse(await readFile(config, "utf8")) as { credential: string };
    const call = (route: string, body: unknown) =>
      fetch(new URL(route, bed.web.url), {
        method: "POST",
        headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const jobId = await bed.enqueueJob({
      cmdlet: "Get-OrganizationConfig",
      parameters: {},
      idempotencyKey: `lease-${crypto.randomUUID()}`,
    });
    const first = await (await call("/api/agent/v1/poll", { version: "test", runAs: "CONTOSO\\svc" })).json();
    expect(first.job.id).toBe(jobId);
    // No heartbeat: as if the agent died mid-job. The lease (10 s) runs out and the job returns.
    const second = await waitFor(async () => {
      const response = await call("/api/agent/v1/poll", { version: "test", runAs: "CONTOSO\\svc" });
      return response.status === 200 ? ((await response.json()) as typeof first) : null;
    }, "the job to come back after its lease");
    expect(second.job.id).toBe(jobId);
    expect(second.job.leaseToken).not.toBe(first.job.leaseToken);

    const result = (token: string) => ({
      leaseToken: token,
      result: {
        objects: [{ token }],
        warnings: [],
        timings: { startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), durationMs: 1 },
      },
    });
    const late = await call(`/api/agent/v1/jobs/${jobId}/complete`, result(first.job.leaseToken));
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe("lease_lost");
    expect((await call(`/api/agent/v1/jobs/${jobId}/complete`, result(second.job.leaseToken))).status).toBe(
      200,
    );
    const status = await bed.jobStatus(jobId);
    expect(status).toMatchObject({ state: "completed", attempts: 2 });
    expect(status?.outcome).toMatchObject({ result: { objects: [{ token: second.job.leaseToken }] } });
  });

  it("wakes a poll held by another web instance the moment a job is queued", async () => {
    const other = await startWebApp({ databaseUrl: inject("databaseUrl"), env: SHORT_LEASE });
    try {
      const config = await bed.pairAgent("EX-AGENT-WAKE");
      const { credential } = JSON.parse(await readFile(config, "utf8")) as { credential: string };
      // Held on the other instance for up to 20 s; the job is queued from this process meanwhile.
      const poll = fetch(new URL("/api/agent/v1/poll", other.url), {
        method: "POST",
        headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
        body: JSON.stringify({ version: "test", runAs: "CONTOSO\\svc" }),
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const jobId = await bed.enqueueJob({
        cmdlet: "Get-AcceptedDomain",
        parameters: {},
        idempotencyKey: `wake-${crypto.randomUUID()}`,
      });
      const response = await poll;
      expect(response.status).toBe(200);
      expect((await response.json()).job.id).toBe(jobId);
    } finally {
      await other.stop();
    }
  });

  it("hands each of several jobs queued in one statement to a held poll, though they make one announcement", async () => {
    const credentials = await Promise.all(
      ["EX-AGENT-TOGETHER-1", "EX-AGENT-TOGETHER-2", "EX-AGENT-TOGETHER-3"].map(async (name) => {
        const config = await bed.pairAgent(name);
        return (JSON.parse(await readFile(config, "utf8")) as { credential: string }).credential;
      }),
    );
    // Held for 10–20 s: a poll the announcement's wake never reaches answers "nothing" at the end.
    const polls = credentials.map((credential) =>
      fetch(new URL("/api/agent/v1/poll", bed.web.url), {
        method: "POST",
        headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
        body: JSON.stringify({ version: "test", runAs: "CONTOSO\\svc" }),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { getQueue } = await import("@/lib/jobs/get-queue");
    const { queueFor } = await import("@/lib/jobs/agent-jobs");
    const { boss, name } = await queueFor(await getQueue(), bed.acting);
    const jobIds = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await boss.insert(
      name,
      jobIds.map((id) => ({
        id,
        data: { cmdlet: "Get-AcceptedDomain", parameters: {}, idempotencyKey: id },
      })),
    );
    const handedOut = await Promise.all(
      polls.map(async (poll) => {
        const response = await poll;
        return response.status === 200 ? ((await response.json()) as { job: { id: string } }).job.id : null;
      }),
    );
    expect(handedOut.toSorted()).toEqual(jobIds.toSorted());
  });

  it("keeps working when the web app restarts under a polling agent", async () => {
    const config = await bed.pairAgent("EX-AGENT-RESTART");
    const agent = spawnAgent(["run", "--config", config]);
    try {
      await waitFor(async () => agent.output().length > 0, "the agent to start");
      await bed.restartWeb();
      const jobId = await bed.enqueueJob({
        cmdlet: "Get-ExchangeServer",
        parameters: {},
        idempotencyKey: `restart-${crypto.randomUUID()}`,
      });
      await waitFor(
        async () => (await bed.jobStatus(jobId))?.state === "completed",
        "the reconnected agent to complete the job",
        90_000,
      );
    } finally {
      agent.kill("SIGINT");
    }
  });

  it("refuses a revoked agent at its next request, and the agent says why", async () => {
    const config = await bed.pairAgent("EX-AGENT-3");
    const agentRow = await bed.db.agent.findFirstOrThrow({
      where: { tenantId: bed.tenantId, name: "EX-AGENT-3" },
    });
    await revokeAgent({ db: bed.db, acting: bed.acting, agentId: agentRow.id });
    const run = await runAgent(["run", "--config", config]);
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/revoked/i);
  });
});
