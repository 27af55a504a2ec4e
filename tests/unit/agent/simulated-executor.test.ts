import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CmdletError, type CmdletInvocation } from "@/agent/executors/executor";
import { createSimulatedExecutor } from "@/agent/executors/simulated";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { seedOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { openOnPremisesOrganization } from "@/simulators/exchange/on-premises";

let dataDir: string;
let stateFile: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "agent-simulated-"));
  ({ onPremisesFile: stateFile } = await seedOrganizationPair(dataDir, await loadFixture("contoso")));
});

afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const call = (cmdlet: string, parameters: Record<string, unknown> = {}): CmdletInvocation => ({
  cmdlet,
  parameters,
  credentials: {},
  signal: new AbortController().signal,
});

describe("simulated executor", () => {
  it("runs cmdlets against the on-premises simulator's state file", async () => {
    const executor = await createSimulatedExecutor({ stateFile });
    expect(await executor.check()).toContain(stateFile);
    const { objects, warnings } = await executor.execute(call("Get-AcceptedDomain"));
    expect(objects.length).toBeGreaterThan(0);
    expect(objects[0]).toHaveProperty("DomainName");
    expect(warnings).toEqual([]);
  });

  it("keeps to the agent's allow-list like the real executor", async () => {
    const executor = await createSimulatedExecutor({ stateFile });
    await expect(executor.execute(call("Get-Mailbox"))).rejects.toThrow(/not on the agent's list of allowed/);
  });

  it("reports Exchange's errors with category and FullyQualifiedErrorId, not transient", async () => {
    const executor = await createSimulatedExecutor({ stateFile });
    const error = await executor
      .execute(call("Get-RemoteDomain", { Identity: "no-such-remote-domain" }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CmdletError);
    const reported = (error as CmdletError).toJobError();
    expect(reported.category).toBe("ObjectNotFound");
    expect(reported.errorId).toMatch(/Microsoft\.Exchange/);
    expect(reported.transient).toBe(false);
  });

  it("reports a dropped remote PowerShell session as transient", async () => {
    const organization = await openOnPremisesOrganization({ stateFile });
    await organization.setFault({ cmdlet: "Get-OrganizationConfig", kind: "drop-session", times: 1 });
    const executor = await createSimulatedExecutor({ stateFile });
    const error = await executor.execute(call("Get-OrganizationConfig")).catch((caught: unknown) => caught);
    expect((error as CmdletError).toJobError()).toMatchObject({ category: "OpenError", transient: true });
    // The fault was for one call: the next one works, as a re-run after HCW8083 does.
    expect((await executor.execute(call("Get-OrganizationConfig"))).objects).toHaveLength(1);
  });
});
