import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createExchangeAdmin } from "@/simulators/exchange/admin/exchange-admin";
import { ExchangeError } from "@/simulators/exchange/model/exchange-error";
import { openOnPremisesOrganization } from "@/simulators/exchange/on-premises";

// The library the agent's simulated executor calls: persisted state, faults, and errors as Exchange's.

let dataDir: string;
let stateFile: string;
let admin: ReturnType<typeof createExchangeAdmin>;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "exchange-sim-"));
  admin = createExchangeAdmin(dataDir);
  stateFile = (await admin.seed("contoso")).onPremisesFile;
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<ExchangeError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ExchangeError)) throw new Error(`expected an ExchangeError, got ${String(error)}`);
  return error;
}

describe("openOnPremisesOrganization", () => {
  it("runs cmdlets and keeps their changes across reopening, as a real organization would", async () => {
    const organization = await openOnPremisesOrganization({ stateFile });
    expect(await organization.serverNames()).toEqual(["EX1", "EX2"]);
    await organization.invoke("New-HybridConfiguration", {});
    const reopened = await openOnPremisesOrganization({ stateFile });
    expect((await reopened.invoke("Get-HybridConfiguration")).value).toHaveLength(1);
    expect((await failure(reopened.invoke("New-HybridConfiguration"))).data.category).toBe("ResourceExists");
  });

  it("sees a reset made from another handle, and the reset brings back the fixture", async () => {
    const organization = await openOnPremisesOrganization({ stateFile });
    await organization.invoke("Set-PartnerApplication", { Identity: "Exchange Online", Enabled: true });
    await admin.reset({ side: "OnPremises", organization: "contoso" });
    expect((await organization.invoke("Get-PartnerApplication")).value[0]!.Enabled).toBe(false);
  });

  it("fails with a given Exchange error N times, then succeeds", async () => {
    const organization = await openOnPremisesOrganization({ stateFile });
    await admin.setFault(
      { side: "OnPremises", organization: "contoso" },
      {
        cmdlet: "new-authserver",
        kind: "error",
        times: 2,
        error: { message: "The metadata URL couldn't be reached.", category: "InvalidOperation" },
      },
    );
    const parameters = {
      Name: "ACS",
      AuthMetadataUrl: "https://accounts.accesscontrol.windows.net/x/metadata/json/1",
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await failure(organization.invoke("New-AuthServer", parameters));
      expect(error.data).toMatchObject({
        message: "The metadata URL couldn't be reached.",
        category: "InvalidOperation",
        kind: "CmdletError",
        transient: false,
      });
    }
    expect((await organization.invoke("New-AuthServer", parameters)).value).toHaveLength(1);
    expect((await organization.readState()).faults).toEqual([]);
  });

  it("drops the session as remote PowerShell does, as a transient error, until cleared", async () => {
    const organization = await openOnPremisesOrganization({ stateFile });
    const fault = await organization.setFault({ cmdlet: "*", kind: "drop-session" });
    for (const cmdlet of ["Get-ExchangeServer", "Get-AcceptedDomain"]) {
      const error = await failure(organization.invoke(cmdlet));
      expect(error.data).toMatchObject({
        kind: "SessionDropped",
        category: "OpenError",
        transient: true,
        cmdlet,
      });
      expect(error.data.message).toMatch(
        /^Processing data from remote server EX1\.corp\.contoso\.com failed/,
      );
    }
    await organization.clearFaults(fault.id);
    expect((await organization.invoke("Get-ExchangeServer")).value).toHaveLength(2);
  });

  it("throttles as an exhausted remote PowerShell budget, which callers may retry", async () => {
    const organization = await openOnPremisesOrganization({ stateFile });
    await organization.setFault({ cmdlet: "Get-ReceiveConnector", kind: "throttle", times: 1 });
    const error = await failure(organization.invoke("Get-ReceiveConnector", { Server: "EX1" }));
    expect(error.data).toMatchObject({ category: "LimitsExceeded", transient: true });
    expect((await organization.invoke("Get-ReceiveConnector", { Server: "EX1" })).value).toHaveLength(5);
  });

  it("adds latency to a call without failing it", async () => {
    const organization = await openOnPremisesOrganization({ stateFile });
    await organization.setFault({ cmdlet: "Get-AcceptedDomain", kind: "latency", latencyMs: 300, times: 1 });
    const started = performance.now();
    const { value } = await organization.invoke("Get-AcceptedDomain");
    expect(value).toHaveLength(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("a fault on one cmdlet leaves the others alone, and clearing all faults restores them", async () => {
    const organization = await openOnPremisesOrganization({ stateFile });
    await organization.setFault({ cmdlet: "Set-ReceiveConnector", kind: "error" });
    expect((await organization.invoke("Get-ReceiveConnector")).value.length).toBe(10);
    expect((await failure(organization.invoke("Set-ReceiveConnector", { Identity: "x" }))).data.message).toBe(
      "Simulated failure of Set-ReceiveConnector.",
    );
    await admin.clearFaults({ side: "OnPremises", organization: "contoso" });
    expect(
      (await failure(organization.invoke("Set-ReceiveConnector", { Identity: "x" }))).data.category,
    ).toBe("ObjectNotFound");
  });

  it("refuses to open a tenant's state as an on-premises organization", async () => {
    const { tenantFile } = await admin.seed("fabrikam");
    await expect(openOnPremisesOrganization({ stateFile: tenantFile })).rejects.toThrow(
      /Exchange Online tenant/,
    );
  });
});
