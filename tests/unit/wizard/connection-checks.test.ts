import { describe, expect, it } from "vitest";
import { type ConnectionCheck, runConnectionChecks } from "@/lib/wizard/gather/connection-checks";
import {
  dedicatedAppSupport,
  parseAdminDisplayVersion,
  parseFileVersion,
} from "@/lib/wizard/gather/exchange-builds";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { gatherFixture } from "./gather-from-fixture";

// The TestConnections checks over gathered shipped organizations, changed one way at a time.

const now = new Date("2026-12-01T12:00:00Z");
const inSync = { remote: now, service: now };

function checksOf(
  state: GatheredState,
  options: { clock?: { remote: Date; service: Date }; dirSync?: unknown; initialDomain?: string } = {},
): Record<ConnectionCheck["id"], ConnectionCheck> {
  const checks = runConnectionChecks({
    state,
    tenant: { initialDomain: options.initialDomain ?? "contoso.onmicrosoft.com" },
    clock: "clock" in options ? options.clock : inSync,
    onlineOrganizationConfig: { IsDirSyncRunning: "dirSync" in options ? options.dirSync : true },
  });
  return Object.fromEntries(checks.map((check) => [check.id, check])) as Record<
    ConnectionCheck["id"],
    ConnectionCheck
  >;
}

describe("Exchange builds", () => {
  it("reads AdminDisplayVersion and ExSetup.exe's file version alike", () => {
    expect(parseAdminDisplayVersion("Version 15.2 (Build 1544.4)")).toEqual({
      major: 15,
      minor: 2,
      build: 1544,
      revision: 4,
    });
    expect(parseFileVersion("15.02.1544.025")).toEqual({ major: 15, minor: 2, build: 1544, revision: 25 });
    expect(parseFileVersion("not a version")).toBeUndefined();
  });

  it("knows the dedicated hybrid application's minimum builds, hotfix included", () => {
    const supported = (text: string) => dedicatedAppSupport(parseFileVersion(text)!).supported;
    for (const ok of ["15.1.2507.55", "15.2.1544.25", "15.2.1748.24", "15.2.2562.17", "15.2.2562.30"]) {
      expect(supported(ok), ok).toBe(true);
    }
    for (const notYet of [
      "15.1.2507.54",
      "15.1.2375.37",
      "15.2.1544.24",
      "15.2.1748.10",
      "15.2.2562.16",
      "15.0.1497.2",
      "14.3.123.4",
    ]) {
      expect(supported(notYet), notYet).toBe(false);
    }
    expect(dedicatedAppSupport(parseFileVersion("15.2.1544.4")!).minimum).toMatchObject({
      build: 1544,
      revision: 25,
    });
  });
});

describe("connection checks", () => {
  it("pass for contoso as shipped, naming the servers the transport pages offer", async () => {
    const { state } = await gatherFixture("contoso");
    const checks = checksOf(state);
    expect(checks.clockSkew.status).toBe("ok");
    expect(checks.directorySync.status).toBe("ok");
    expect(checks.coexistenceDomain).toMatchObject({
      status: "ok",
      message: expect.stringContaining("contoso.mail.onmicrosoft.com"),
    });
    expect(checks.transportServers.message).toContain("EX1, EX2; Edge Transport servers: none");
  });

  it("fail on more than 5 minutes of clock skew, saying federation fails with error 1007", async () => {
    const { state } = await gatherFixture("contoso");
    const late = checksOf(state, { clock: { remote: new Date(now.getTime() - 6 * 60_000), service: now } });
    expect(late.clockSkew).toMatchObject({
      status: "error",
      message: expect.stringMatching(/360 s behind .*error 1007/),
    });
    expect(
      checksOf(state, { clock: { remote: new Date(now.getTime() + 30_000), service: now } }).clockSkew.status,
    ).toBe("ok");
    expect(checksOf(state, { clock: undefined }).clockSkew.status).toBe("warning");
  });

  it("fail without directory synchronization, and say so when Exchange Online does not tell", async () => {
    const { state } = await gatherFixture("contoso");
    expect(checksOf(state, { dirSync: false }).directorySync).toMatchObject({
      status: "error",
      message: expect.stringContaining("Entra Connect"),
    });
    expect(checksOf(state, { dirSync: undefined }).directorySync.message).toContain("did not say");
  });

  it("fail when the tenant lacks its coexistence domain", async () => {
    const { state } = await gatherFixture("contoso");
    const without = structuredClone(state);
    without.online.acceptedDomains = without.online.acceptedDomains.filter(
      (domain) => !domain.DomainName.includes(".mail."),
    );
    expect(checksOf(without).coexistenceDomain).toMatchObject({
      status: "error",
      message: expect.stringContaining("contoso.mail.onmicrosoft.com is not an accepted domain"),
    });
  });

  it("fail when no server holds the Mailbox role (HCW8008), and list Edge servers apart", async () => {
    const { state } = await gatherFixture("northwind");
    const checks = checksOf(state, { initialDomain: "northwindgov.onmicrosoft.us" });
    expect(checks.transportServers.message).toMatch(/Edge Transport servers: \S+/);
    const noMailbox = structuredClone(state);
    for (const server of noMailbox.onPremises.exchangeServers) server.IsMailboxServer = false;
    expect(checksOf(noMailbox).transportServers).toMatchObject({
      status: "error",
      message: expect.stringContaining("HCW8008"),
    });
  });

  it("say which servers cannot use the dedicated hybrid application, and that Exchange 2010 needs a federation trust", async () => {
    const { state } = await gatherFixture("fabrikam");
    const { exchangeVersions } = checksOf(state, { initialDomain: "fabrikam.onmicrosoft.com" });
    expect(exchangeVersions.status).toBe("warning");
    expect(exchangeVersions.message).toMatch(/FAB-EX10: Exchange 2010 .* needs a federation trust/);
    // Without the agent's ExSetup probe, the check says it read AdminDisplayVersion, which hides security updates.
    expect(exchangeVersions.message).toMatch(
      /FAB-EX16: Exchange 2016 15\.1\.2507\.6 from AdminDisplayVersion, which does not show security updates/,
    );
    const patched = structuredClone(state);
    patched.onPremises.exchangeServers[0]!.FileVersion = "15.01.2507.055";
    expect(checksOf(patched).exchangeVersions.message).toMatch(
      /FAB-EX16: Exchange 2016 15\.1\.2507\.55 \(ExSetup\.exe\) supports/,
    );
  });
});
