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

describe("simulated executor: reads", () => {
  it("runs several reads, each with its own result, and one refused read leaves the others", async () => {
    const executor = await createSimulatedExecutor({ stateFile });
    const outputs = await executor.executeReads({
      reads: [
        { cmdlet: "Get-ExchangeServer", parameters: {} },
        { cmdlet: "Get-RemoteDomain", parameters: { Identity: "no-such-remote-domain" } },
        { cmdlet: "Get-AcceptedDomain", parameters: {} },
      ],
      signal: new AbortController().signal,
    });
    expect(outputs.map((output) => output.ok)).toEqual([true, false, true]);
    expect(outputs[1]).toMatchObject({ ok: false, error: { category: "ObjectNotFound", transient: false } });
  });

  it("answers the ExSetup probe with each server's file version, security update included", async () => {
    const executor = await createSimulatedExecutor({ stateFile });
    const organization = await openOnPremisesOrganization({ stateFile });
    const [server] = await organization.serverNames();
    const [output] = await executor.executeReads({
      reads: [{ cmdlet: "Get-ExSetupFileVersion", parameters: { Server: server } }],
      signal: new AbortController().signal,
    });
    // contoso's fixture: Exchange 2019 CU14 (AdminDisplayVersion Build 1544.4) with an update on top.
    expect(output).toMatchObject({
      ok: true,
      objects: [{ Server: server, FileVersion: expect.stringMatching(/^15\.02\.1544\.\d{3}$/) }],
    });
    const [unknown] = await executor.executeReads({
      reads: [{ cmdlet: "Get-ExSetupFileVersion", parameters: { Server: "not-a-server" } }],
      signal: new AbortController().signal,
    });
    expect(unknown).toMatchObject({ ok: false, error: { message: expect.stringContaining("not-a-server") } });
  });

  it("never runs a write among reads", async () => {
    const executor = await createSimulatedExecutor({ stateFile });
    await expect(
      executor.executeReads({
        reads: [
          { cmdlet: "Get-AcceptedDomain", parameters: {} },
          { cmdlet: "New-AcceptedDomain", parameters: { Name: "x", DomainName: "x.com" } },
        ],
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(/never among reads/);
    const organization = await openOnPremisesOrganization({ stateFile });
    expect(
      (await organization.invoke("Get-AcceptedDomain")).value.map((domain) => domain.DomainName),
    ).not.toContain("x.com");
  });
});

describe("simulated executor: the session's account", () => {
  it("opens each session as the job's account when it carries one, else as the agent's own, as Exchange logs it", async () => {
    const executor = await createSimulatedExecutor({ stateFile, runAs: "CONTOSO\\svc-agent" });
    const organization = await openOnPremisesOrganization({ stateFile });
    const logged = (await organization.readCmdletLog()).length;
    const runAccount = { userName: "CONTOSO\\admin-hybrid", password: "not logged" };
    await executor.execute({
      ...call("Get-OrganizationConfig"),
      sessionCredential: runAccount,
      server: "EX2",
    });
    await executor.executeReads({
      reads: [
        { cmdlet: "Get-AcceptedDomain", parameters: {} },
        { cmdlet: "Get-ExSetupFileVersion", parameters: { Server: "EX1" } },
      ],
      sessionCredential: runAccount,
      signal: new AbortController().signal,
    });
    await executor.execute(call("Get-ExchangeServer"));
    const log = (await organization.readCmdletLog()).slice(logged);
    expect(log.map(({ account, cmdlet, server }) => ({ account, cmdlet, server }))).toEqual([
      { account: "CONTOSO\\admin-hybrid", cmdlet: "Get-OrganizationConfig", server: "EX2" },
      { account: "CONTOSO\\admin-hybrid", cmdlet: "Get-AcceptedDomain", server: undefined },
      { account: "CONTOSO\\admin-hybrid", cmdlet: "Get-ExSetupFileVersion", server: undefined },
      { account: "CONTOSO\\svc-agent", cmdlet: "Get-ExchangeServer", server: undefined },
    ]);
    expect(JSON.stringify(log)).not.toContain(runAccount.password);
  });
});
