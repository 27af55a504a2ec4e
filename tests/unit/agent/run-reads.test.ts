import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CmdletError } from "@/agent/executors/executor";
import { createSimulatedExecutor } from "@/agent/executors/simulated";
import { runReads } from "@/agent/run/run-reads";
import type { ReadsJob } from "@/lib/agents/protocol";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { seedOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { openOnPremisesOrganization } from "@/simulators/exchange/on-premises";

// A reads job on the agent: Exchange's refusal of one read is that read's result; a dropped session
// fails the whole job as transient, so it runs again rather than report a gather with holes.

let dataDir: string;
let stateFile: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "agent-reads-"));
  ({ onPremisesFile: stateFile } = await seedOrganizationPair(dataDir, await loadFixture("contoso")));
});

afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const job = (reads: ReadsJob["reads"]): ReadsJob => ({
  id: "job-1",
  leaseToken: "0",
  leaseExpiresAt: new Date().toISOString(),
  idempotencyKey: "k",
  reads,
});

describe("runReads", () => {
  it("keeps a refused read's error with that read, and the others' objects", async () => {
    const executor = await createSimulatedExecutor({ stateFile });
    const { reads } = await runReads(
      job([
        { cmdlet: "Get-RemoteDomain", parameters: { Identity: "no-such-remote-domain" } },
        { cmdlet: "Get-AcceptedDomain", parameters: {} },
      ]),
      executor,
      new AbortController().signal,
    );
    expect(reads.map((read) => [read.cmdlet, read.ok])).toEqual([
      ["Get-RemoteDomain", false],
      ["Get-AcceptedDomain", true],
    ]);
  });

  it("fails the whole job as transient when the session drops part-way, naming the read", async () => {
    const organization = await openOnPremisesOrganization({ stateFile });
    await organization.setFault({ cmdlet: "Get-SendConnector", kind: "drop-session", times: 1 });
    const executor = await createSimulatedExecutor({ stateFile });
    const error = await runReads(
      job([
        { cmdlet: "Get-AcceptedDomain", parameters: {} },
        { cmdlet: "Get-SendConnector", parameters: {} },
      ]),
      executor,
      new AbortController().signal,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CmdletError);
    expect((error as CmdletError).toJobError()).toMatchObject({
      transient: true,
      message: expect.stringMatching(/^Get-SendConnector: Processing data from remote server/),
    });
  });
});
