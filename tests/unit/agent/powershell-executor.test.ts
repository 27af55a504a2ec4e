import { chmod } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CmdletError, type CmdletInvocation, ExecutorUnavailableError } from "@/agent/executors/executor";
import { buildInvokeCmdletInput, INVOKE_CMDLET_ARGS } from "@/agent/executors/powershell/build-invocation";
import { INVOKE_CMDLET_SCRIPT } from "@/agent/executors/powershell/invoke-script";
import {
  createPowerShellExecutor,
  defaultPowerShellPath,
} from "@/agent/executors/powershell/powershell-executor";

const fakePwsh = path.join(import.meta.dirname, "fixtures", "fake-pwsh.mjs");

beforeAll(async () => {
  await chmod(fakePwsh, 0o755); // in case a checkout lost the executable bit
});

const HOSTILE_VALUES = [
  `it's "quoted"`,
  "$(Remove-Item -Recurse C:\\)",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: PowerShell's ${env:…} syntax is the hostile value here
  "${env:USERPROFILE}",
  "`n`r back`ticks`",
  "line one\nline two\r\nline three",
  "a; Stop-Computer",
  "a | Out-File C:\\x",
  "@{ Splat = $true }",
  "' + (Get-Credential) + '",
  "emoji 🚀, accents é, CJK 密码, RTL مرحبا, zero-width \u200b, NUL \u0000",
  "-Confirm:$false",
  "#comment",
];

const invocation = (overrides: Partial<CmdletInvocation> = {}): Omit<CmdletInvocation, "signal"> => ({
  cmdlet: "Set-RemoteDomain",
  parameters: { Identity: "Hybrid Domain - contoso.mail.onmicrosoft.com", TargetDeliveryDomain: true },
  credentials: {},
  server: "ex1.contoso.com",
  ...overrides,
});

function decodeScript(args: readonly string[]): string {
  return Buffer.from(args.at(-1) ?? "", "base64").toString("utf16le");
}

describe("PowerShell invocation: parameters are data, never script", () => {
  it("the script and arguments are the same for every call, whatever the values", () => {
    const baseline = buildInvokeCmdletInput(invocation(), undefined);
    expect(baseline.args).toEqual([...INVOKE_CMDLET_ARGS]);
    expect(decodeScript(baseline.args)).toBe(INVOKE_CMDLET_SCRIPT);
    for (const value of HOSTILE_VALUES) {
      const built = buildInvokeCmdletInput(
        invocation({
          parameters: { Identity: value, Domains: [value, { Nested: value }], Comment: value },
          credentials: { Credentials: { userName: value, password: value } },
        }),
        undefined,
      );
      expect(built.args).toEqual(baseline.args);
    }
  });

  it("the stdin payload round-trips every value exactly", () => {
    for (const value of HOSTILE_VALUES) {
      const parameters = { Identity: value, Domains: [value, 1, null, false, { Nested: [value] }] };
      const credentials = { Credentials: { userName: value, password: value } };
      const { stdin } = buildInvokeCmdletInput(invocation({ parameters, credentials }), undefined);
      expect(JSON.parse(stdin)).toEqual({
        cmdlet: "Set-RemoteDomain",
        server: "ex1.contoso.com",
        parameters,
        credentials,
      });
    }
  });

  it("splats the parameters and imports only the one cmdlet, over Kerberos", () => {
    expect(INVOKE_CMDLET_SCRIPT).toContain("& $cmdlet @parameters");
    expect(INVOKE_CMDLET_SCRIPT).toContain("Import-PSSession -Session $session -CommandName $cmdlet");
    expect(INVOKE_CMDLET_SCRIPT).toContain("-ConfigurationName Microsoft.Exchange");
    expect(INVOKE_CMDLET_SCRIPT).toContain("-Authentication Kerberos");
    expect(INVOKE_CMDLET_SCRIPT).toContain("ConvertFrom-Json");
    expect(INVOKE_CMDLET_SCRIPT).not.toMatch(/Invoke-Expression|\biex\b|\[scriptblock\]::Create/i);
  });

  it("fits on a Windows command line", () => {
    expect(INVOKE_CMDLET_ARGS.join(" ").length).toBeLessThan(32_000);
  });

  it("refuses cmdlets outside the allow-list before starting PowerShell", async () => {
    for (const cmdlet of [
      "Get-Mailbox; Remove-Item",
      "Remove-Item",
      "Invoke-Expression",
      "get-acceptedDomain",
    ]) {
      expect(() => buildInvokeCmdletInput(invocation({ cmdlet }), undefined)).toThrow(CmdletError);
    }
    // Had it tried to start PowerShell, it would have said PowerShell is missing.
    const executor = createPowerShellExecutor({ powershellPath: "/nonexistent/pwsh", timeoutMs: 5_000 });
    const error = await executor
      .execute({
        ...invocation({ cmdlet: "Get-Mailbox; Remove-Item" }),
        signal: new AbortController().signal,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CmdletError);
    expect((error as CmdletError).toJobError()).toMatchObject({
      errorId: "CmdletNotAllowed",
      transient: false,
    });
  });

  it("refuses parameter names and servers that are not names", () => {
    expect(() => buildInvokeCmdletInput(invocation({ parameters: { "Identity;x": 1 } }), undefined)).toThrow(
      /parameter name/,
    );
    expect(() => buildInvokeCmdletInput(invocation({ server: "ex1/x?$(a)" }), undefined)).toThrow(
      /host name/,
    );
    expect(() => buildInvokeCmdletInput(invocation({ server: undefined }), undefined)).toThrow(
      /--exchange-server/,
    );
    expect(
      JSON.parse(buildInvokeCmdletInput(invocation({ server: undefined }), "ex2.contoso.com").stdin).server,
    ).toBe("ex2.contoso.com");
  });
});

describe("PowerShell executor", () => {
  const executor = createPowerShellExecutor({
    powershellPath: fakePwsh,
    defaultServer: "ex1.contoso.com",
    timeoutMs: 10_000,
  });

  // One real process per hostile value: on a busy machine that is more than the default 5 s.
  it("passes the call on stdin of a process started without a shell, byte for byte", {
    timeout: 60_000,
  }, async () => {
    for (const value of HOSTILE_VALUES) {
      const parameters = { Identity: value };
      const credentials = { Credentials: { userName: "CONTOSO\\svc", password: value } };
      const output = await executor.execute({
        ...invocation({ parameters, credentials }),
        signal: new AbortController().signal,
      });
      const echoed = output.objects[0] as { argv: string[]; stdin: string };
      expect(echoed.argv).toEqual([...INVOKE_CMDLET_ARGS]);
      expect(echoed.stdin).toBe(
        buildInvokeCmdletInput(invocation({ parameters, credentials }), undefined).stdin,
      );
      expect(JSON.parse(echoed.stdin).credentials).toEqual(credentials);
      expect(output.warnings).toEqual(["from the fake pwsh"]);
    }
  });

  it("refuses a common parameter (-OutVariable, -ErrorAction, -WhatIf…) before PowerShell starts", async () => {
    const cases: Pick<CmdletInvocation, "parameters" | "credentials">[] = [
      { parameters: { Identity: "x", OutVariable: "warnings" }, credentials: {} },
      { parameters: { Identity: "x", erroraction: "SilentlyContinue" }, credentials: {} },
      { parameters: { Identity: "x", WhatIf: true }, credentials: {} },
      { parameters: { Identity: "x", wv: "cmdletWarnings" }, credentials: {} },
      {
        parameters: { Identity: "x" },
        credentials: { Confirm: { userName: "CONTOSO\\svc", password: "p" } },
      },
    ];
    for (const { parameters, credentials } of cases) {
      const error = await executor
        .execute({ ...invocation({ parameters, credentials }), signal: new AbortController().signal })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CmdletError);
      expect((error as CmdletError).toJobError()).toMatchObject({
        errorId: "InvalidParameterName",
        transient: false,
        message: expect.stringMatching(/common parameters/),
      });
    }
  });

  it("reports Exchange's error with its category and error id", async () => {
    const error = await executor
      .execute({
        ...invocation({ cmdlet: "Get-RemoteDomain", parameters: { Identity: "simulate-error" } }),
        signal: new AbortController().signal,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CmdletError);
    expect((error as CmdletError).toJobError()).toEqual({
      message: "The operation couldn't be performed because object 'x' couldn't be found.",
      category: "NotSpecified",
      errorId: "[Server=EX1] 9F3B2A1C,Microsoft.Exchange.Management.SystemConfigurationTasks.GetRemoteDomain",
      transient: false,
    });
  });

  it("stops a cmdlet that runs too long and reports it as worth retrying", async () => {
    const impatient = createPowerShellExecutor({
      powershellPath: fakePwsh,
      defaultServer: "ex1",
      timeoutMs: 1_500,
    });
    const error = await impatient
      .execute({ ...invocation({ parameters: { Identity: "hang" } }), signal: new AbortController().signal })
      .catch((caught: unknown) => caught);
    expect((error as CmdletError).toJobError()).toMatchObject({ errorId: "CmdletTimedOut", transient: true });
  });

  it("checks that PowerShell runs and names its version", async () => {
    expect(await executor.check()).toBe(
      `PowerShell 7.4.0-fake (${fakePwsh}), Exchange server ex1.contoso.com`,
    );
  });

  it("says what to install when PowerShell is missing", async () => {
    const missing = createPowerShellExecutor({ powershellPath: "pwsh-not-installed-here", timeoutMs: 5_000 });
    const error = await missing.check().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExecutorUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain('could not start "pwsh-not-installed-here"');
    expect(message).toContain("Install PowerShell 7");
    expect(message).toContain("winget install --id Microsoft.PowerShell");
    expect(message).toContain('"powershellPath"');
    await expect(missing.execute({ ...invocation(), signal: new AbortController().signal })).rejects.toThrow(
      /Install PowerShell 7/,
    );
  });

  it("uses Windows PowerShell on Windows, where every Exchange server has it, and pwsh elsewhere", () => {
    expect(defaultPowerShellPath("win32")).toBe("powershell.exe");
    expect(defaultPowerShellPath("linux")).toBe("pwsh");
  });
});
