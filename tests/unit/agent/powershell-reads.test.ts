import { chmod } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CmdletError } from "@/agent/executors/executor";
import { buildInvokeReadsInput, INVOKE_READS_ARGS } from "@/agent/executors/powershell/build-invocation";
import { INVOKE_READS_SCRIPT } from "@/agent/executors/powershell/invoke-script";
import { createPowerShellExecutor } from "@/agent/executors/powershell/powershell-executor";

// A job of reads through the powershell executor: one process, one session, a result per read,
// parameters still data, writes never among them, and an output too large refused, not cut.

const fakePwsh = path.join(import.meta.dirname, "fixtures", "fake-pwsh.mjs");

beforeAll(async () => {
  await chmod(fakePwsh, 0o755);
});

const HOSTILE = ["$(Remove-Item C:\\)", "a'; Stop-Computer; '", "`n back`ticks", 'x" | iex', "NUL \u0000 🚀"];
const signal = () => new AbortController().signal;

describe("the reads script", () => {
  it("is the same fixed script whatever the values, and every value round-trips on stdin", () => {
    const reads = (value: string) => [
      { cmdlet: "Get-AcceptedDomain", parameters: {} },
      { cmdlet: "Get-ReceiveConnector", parameters: { Identity: value, Server: [value, { Nested: value }] } },
    ];
    for (const value of HOSTILE) {
      const built = buildInvokeReadsInput({ reads: reads(value), server: "ex1.contoso.com" }, undefined);
      expect(built.args).toEqual([...INVOKE_READS_ARGS]);
      expect(JSON.parse(built.stdin)).toEqual({ server: "ex1.contoso.com", reads: reads(value) });
    }
  });

  it("opens one session, imports the reads' cmdlets once and splats each read", () => {
    expect(INVOKE_READS_SCRIPT.match(/New-PSSession/g)).toHaveLength(1);
    expect(INVOKE_READS_SCRIPT).toContain("Import-PSSession -Session $session -CommandName $sessionCmdlets");
    expect(INVOKE_READS_SCRIPT).toContain("& $name @parameters");
    expect(INVOKE_READS_SCRIPT).toContain("Invoke-Command -ComputerName $server -ScriptBlock {");
    expect(INVOKE_READS_SCRIPT).not.toMatch(/Invoke-Expression|\biex\b|\[scriptblock\]::Create/i);
    expect(INVOKE_READS_ARGS.join(" ").length).toBeLessThan(32_000);
  });

  it("refuses a write among reads, and a probe server that is not a host name, before PowerShell starts", () => {
    const build =
      (cmdlet: string, parameters: Record<string, unknown> = {}) =>
      () =>
        buildInvokeReadsInput({ reads: [{ cmdlet, parameters }], server: "ex1" }, undefined);
    expect(build("Set-RemoteDomain")).toThrow(/never among reads/);
    expect(build("Remove-HybridConfiguration")).toThrow(CmdletError);
    expect(build("Get-Mailbox")).toThrow(/not on the agent's list/);
    for (const value of [...HOSTILE, "", undefined, 42]) {
      expect(build("Get-ExSetupFileVersion", { Server: value })).toThrow(/needs -Server/);
    }
    expect(build("Get-ExSetupFileVersion", { Server: "ex1.contoso.com" })).not.toThrow();
  });
});

describe("PowerShell executor: reads", () => {
  const executor = createPowerShellExecutor({
    powershellPath: fakePwsh,
    defaultServer: "ex1",
    timeoutMs: 10_000,
  });

  it("answers each read on its own: one refused read leaves the others", async () => {
    const outputs = await executor.executeReads({
      reads: [
        { cmdlet: "Get-AcceptedDomain", parameters: {} },
        { cmdlet: "Get-RemoteDomain", parameters: { Identity: "simulate-error" } },
        { cmdlet: "Get-OrganizationConfig", parameters: {} },
      ],
      signal: signal(),
    });
    expect(outputs.map((output) => output.ok)).toEqual([true, false, true]);
    expect(outputs[1]).toMatchObject({ ok: false, error: { category: "NotSpecified", transient: false } });
    const echoed = (outputs[0] as { objects: { argv: string[] }[] }).objects[0]!;
    expect(echoed.argv).toEqual([...INVOKE_READS_ARGS]);
  });

  it("refuses an output larger than a job may report, naming the cmdlet, instead of cutting it short", async () => {
    const error = await executor
      .executeReads({
        reads: [{ cmdlet: "Get-SendConnector", parameters: { Identity: "huge" } }],
        signal: signal(),
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CmdletError);
    const reported = (error as CmdletError).toJobError();
    expect(reported).toMatchObject({ errorId: "ResultTooLarge", transient: false });
    expect(reported.message).toContain("Get-SendConnector returned more than 8 MiB");
  });
});
