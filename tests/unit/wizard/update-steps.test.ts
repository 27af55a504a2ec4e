import { describe, expect, it } from "vitest";
import { powerShellLine } from "@/lib/wizard/plan/powershell-line";
import { blockedOperations } from "@/lib/wizard/update/blocked-operations";
import { judgeBeforeWrite, objectRead } from "@/lib/wizard/update/object-before-write";
import { REDACTED, redactParameters } from "@/lib/wizard/update/redact-parameters";

// The update's decisions that need no Exchange: whether an object is as the admin reviewed it,
// what waits on a failure, what a log line may show, the PowerShell the Review page copies.

describe("an operation's object just before it writes", () => {
  const update = { action: "update" as const, before: { Enabled: false }, after: { Enabled: true } };

  it("is as reviewed when each reviewed property still has its value", () => {
    expect(
      judgeBeforeWrite({
        ...update,
        current: { Enabled: false },
        createdInThisRun: false,
        readBefore: false,
      }),
    ).toEqual({ verdict: "as-reviewed" });
  });

  it("has changed when another admin set a property since, and says which and how", () => {
    expect(
      judgeBeforeWrite({
        ...update,
        current: { Enabled: "True" },
        createdInThisRun: false,
        readBefore: false,
      }),
    ).toEqual({ verdict: "changed", what: "Enabled is True now, false when you reviewed it" });
    expect(
      judgeBeforeWrite({ ...update, current: null, createdInThisRun: false, readBefore: false }),
    ).toEqual({
      verdict: "changed",
      what: "it no longer exists",
    });
  });

  it("has changed when an object to create exists already, unless an earlier attempt of this run made it", () => {
    const create = { action: "new" as const, before: { Name: null }, after: { Name: "X" } };
    expect(
      judgeBeforeWrite({ ...create, current: { Name: "X" }, createdInThisRun: false, readBefore: false }),
    ).toEqual({ verdict: "changed", what: "it exists now" });
    expect(
      judgeBeforeWrite({ ...create, current: { Name: "X" }, createdInThisRun: false, readBefore: true }),
    ).toEqual({
      verdict: "applied",
    });
  });

  it("removes an object only as the run left it, and once", () => {
    const removal = { action: "remove" as const, before: { Enabled: true }, after: { Enabled: null } };
    expect(
      judgeBeforeWrite({
        ...removal,
        current: { Enabled: true },
        createdInThisRun: false,
        readBefore: false,
      }),
    ).toEqual({ verdict: "as-reviewed" });
    expect(
      judgeBeforeWrite({
        ...removal,
        current: { Enabled: false },
        createdInThisRun: false,
        readBefore: false,
      }),
    ).toEqual({ verdict: "changed", what: "Enabled is false now, true when you reviewed it" });
    expect(
      judgeBeforeWrite({ ...removal, current: null, createdInThisRun: false, readBefore: false }),
    ).toEqual({ verdict: "changed", what: "it no longer exists" });
    // An earlier attempt read it as reviewed, removed it, and died before it said so.
    expect(
      judgeBeforeWrite({ ...removal, current: null, createdInThisRun: false, readBefore: true }),
    ).toEqual({
      verdict: "applied",
    });
  });

  it("is not judged by the values of an object this run creates first", () => {
    expect(
      judgeBeforeWrite({
        action: "update",
        before: { TargetDeliveryDomain: null },
        after: { TargetDeliveryDomain: true },
        current: { TargetDeliveryDomain: false },
        createdInThisRun: true,
        readBefore: false,
      }),
    ).toEqual({ verdict: "as-reviewed" });
  });

  it("is read as gathering reads it, on its own server for per-server kinds", () => {
    expect(
      objectRead({ side: "OnPremises", kind: "ReceiveConnector", identity: "EX2\\Default Frontend EX2" }),
    ).toEqual({
      cmdlet: "Get-ReceiveConnector",
      parameters: { Server: "EX2" },
      server: "EX2",
      single: false,
    });
    expect(
      objectRead({ side: "OnPremises", kind: "HybridConfiguration", identity: "Hybrid Configuration" }),
    ).toMatchObject({
      cmdlet: "Get-HybridConfiguration",
      single: true,
    });
  });
});

describe("operations that wait on a failure", () => {
  it("are the pending ones under a failed operation, directly or through another, each naming it", () => {
    const blocked = blockedOperations([
      { planOperationId: "a", status: "failed", dependsOn: [] },
      { planOperationId: "b", status: "pending", dependsOn: ["a"] },
      { planOperationId: "c", status: "pending", dependsOn: ["b"] },
      { planOperationId: "d", status: "pending", dependsOn: [] },
      { planOperationId: "e", status: "succeeded", dependsOn: [] },
      { planOperationId: "f", status: "pending", dependsOn: ["e"] },
    ]);
    expect(Object.fromEntries(blocked)).toEqual({ b: ["a"], c: ["a"] });
  });
});

describe("what the log shows of parameters", () => {
  it("keeps every value but secrets, and names a credential's user without its password", () => {
    expect(
      redactParameters({
        parameters: { Name: "Hybrid", Password: "hunter2" },
        credentials: { Credentials: { userName: "CONTOSO\\svc-migration" } },
        sealedParameters: { Secret: { ciphertext: "…" } },
      }),
    ).toEqual({
      Name: "Hybrid",
      Password: REDACTED,
      Credentials: `CONTOSO\\svc-migration / ${REDACTED}`,
      Secret: REDACTED,
    });
  });
});

describe("an operation as PowerShell", () => {
  it("quotes strings (doubling quotes), joins lists, writes switches with a colon and credentials as a prompt", () => {
    expect(
      powerShellLine({
        cmdlet: "New-SendConnector",
        parameters: {
          Name: "Admin's connector",
          AddressSpaces: ["smtp:contoso.mail.onmicrosoft.com;1"],
          RequireTLS: true,
          EdgeTransportServers: null,
          Port: 25,
        },
        credentials: { Credentials: { userName: "CONTOSO\\svc", secretReference: "x" } },
      }),
    ).toBe(
      "New-SendConnector -Name 'Admin''s connector' -AddressSpaces 'smtp:contoso.mail.onmicrosoft.com;1' -RequireTLS:$true -EdgeTransportServers $null -Port 25 -Credentials (Get-Credential 'CONTOSO\\svc')",
    );
  });
});

describe("a Graph operation as PowerShell", () => {
  it("names an earlier operation's output as its variable, and a key credential by its certificate", () => {
    expect(
      powerShellLine({
        cmdlet: "Set-AuthServer",
        parameters: {
          ApplicationIdentifier: {
            fromOperation: "HybridApplication:Graph:New-MgApplication:x",
            output: "appId",
          },
        },
      }),
    ).toBe("Set-AuthServer -ApplicationIdentifier $appId");
    expect(
      powerShellLine({
        cmdlet: "New-MgApplication",
        parameters: {
          KeyCredentials: [{ certificateThumbprint: "AB12", type: "AsymmetricX509Cert", usage: "Verify" }],
        },
      }),
    ).toBe(
      "New-MgApplication -KeyCredentials @{type='AsymmetricX509Cert'; usage='Verify'; key=[Convert]::ToBase64String((Get-ExchangeCertificate -Thumbprint 'AB12').RawData)}",
    );
  });
});
