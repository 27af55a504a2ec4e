import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { objectsOf } from "@/simulators/exchange/model/directory-objects";
import { openOnPremisesOrganization } from "@/simulators/exchange/on-premises";
import { spawnAgent, waitFor } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";

// The agent's host loses power, or someone kills the process, while a cmdlet runs. Nothing tells
// the server: the job's lease runs out, the job goes back to the queue, and the next agent runs it.
let bed: AgentTestBed;

beforeAll(async () => {
  bed = await startAgentTestBed({ tenantName: "Contoso (agent killed mid-job)" });
});

afterAll(async () => {
  await bed?.stop();
});

describe("an agent killed in the middle of a job", () => {
  it("gets the job delivered again after its lease runs out; a new agent applies it once", async () => {
    const organization = await openOnPremisesOrganization({ stateFile: bed.simulatorState });
    const config = await bed.pairAgent("EX-KILLED");
    const domainName = "killed-mid-job.contoso.com";
    // The first New-RemoteDomain hangs before it changes anything, as a slow Exchange would;
    // the fault is used up by that call, so the next one runs at once.
    await organization.setFault({
      cmdlet: "New-RemoteDomain",
      kind: "latency",
      latencyMs: 300_000,
      times: 1,
    });
    const jobId = await bed.enqueueJob({
      cmdlet: "New-RemoteDomain",
      parameters: { Name: "Killed mid-job", DomainName: domainName },
      idempotencyKey: `killed-${crypto.randomUUID()}`,
    });

    const first = spawnAgent(["run", "--config", config]);
    const firstExited = new Promise((resolve) => first.once("exit", resolve));
    try {
      // Mid-job means inside Exchange: the simulator has taken the fault for this call and is waiting it out.
      await waitFor(
        async () =>
          first.output().includes(`job ${jobId}: running New-RemoteDomain`) &&
          (await organization.readState()).faults.length === 0,
        "the first agent's cmdlet to be under way in Exchange",
      );
      expect(await bed.jobStatus(jobId)).toMatchObject({ state: "active" });
    } finally {
      // No goodbye: no hand-back, no further heartbeats.
      first.kill("SIGKILL");
      await firstExited;
    }

    const second = spawnAgent(["run", "--config", config]);
    try {
      const done = await waitFor(
        async () => {
          const status = await bed.jobStatus(jobId);
          return status?.state === "completed" ? status : null;
        },
        "the job to come back after its lease and complete",
        90_000,
      );
      // The second attempt is the one recorded: the first never reported anything.
      expect(done).toMatchObject({ attempts: 2, outcome: { outcome: "succeeded" } });
      expect(first.output()).not.toContain(`job ${jobId}: reported`);
      // The server records the result before the agent hears back and logs it.
      await waitFor(
        async () => second.output().includes(`job ${jobId}: reported success`),
        "the second agent to log its report",
      );

      const created = objectsOf(await organization.readState(), "RemoteDomain").filter(
        (remoteDomain) => remoteDomain.DomainName === domainName,
      );
      expect(created).toHaveLength(1);
      const reported = done.outcome?.outcome === "succeeded" ? done.outcome.result.objects : [];
      expect(reported).toEqual([expect.objectContaining({ Guid: created[0]?.Guid })]);
    } finally {
      second.kill("SIGINT");
    }
  }, 150_000);
});
