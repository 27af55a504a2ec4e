import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { listShippedFixtures, loadFixture, parseFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { buildOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { invokeCmdlet } from "@/simulators/exchange/model/invoke-cmdlet";
import type { OrganizationState } from "@/simulators/exchange/model/organization-state";
import { openPair } from "./organization-harness";

async function documentedExample(): Promise<unknown> {
  const page = await readFile("docs/ORGANIZATION-FIXTURES.md", "utf8");
  const block = /<!-- fixture-example -->\s*```json\n([\s\S]*?)\n```/.exec(page);
  if (!block) throw new Error("docs/ORGANIZATION-FIXTURES.md has no fixture example");
  return JSON.parse(block[1]!);
}

async function count(state: OrganizationState, cmdlet: string, parameters: Record<string, unknown> = {}) {
  return (await invokeCmdlet({ state, cmdletName: cmdlet, parameters })).value.length;
}

describe("organization fixtures", () => {
  it("ships the documented organization pairs, each of which loads and builds", async () => {
    const names = await listShippedFixtures();
    expect(names).toEqual(["contoso", "fabrikam", "litware", "northwind", "tailspin", "woodgrove"]);
    const clouds = new Set<string>();
    for (const name of names) {
      const fixture = await loadFixture(name);
      const { onPremises, tenant } = await buildOrganizationPair(fixture);
      expect(onPremises.side).toBe("OnPremises");
      expect(tenant.tenant?.tenantId).toBe(fixture.tenant.tenantId);
      expect(await count(onPremises, "Get-ExchangeServer")).toBe(fixture.onPremises.servers.length);
      clouds.add(fixture.tenant.cloud);
    }
    expect([...clouds].sort()).toEqual(["China21Vianet", "UsGovDod", "UsGovGccHigh", "Worldwide"]);
  });

  it("loads the example in docs/ORGANIZATION-FIXTURES.md exactly as documented", async () => {
    const fixture = parseFixture(await documentedExample());
    const { onPremises, tenant } = await buildOrganizationPair(fixture);
    expect(await count(onPremises, "Get-AcceptedDomain")).toBe(2);
    expect(await count(onPremises, "Get-SendConnector")).toBe(1);
    expect(await count(onPremises, "Get-ReceiveConnector", { Server: "ADX1" })).toBe(5);
    expect(
      await count(onPremises, "Get-ExchangeCertificate", {
        Thumbprint: "7D8A1E2F3B4C5D6E7F8091A2B3C4D5E6F708192A",
      }),
    ).toBe(1);
    expect(await count(tenant, "Get-AcceptedDomain")).toBe(3);
  });

  it("refuses a fixture that breaks the format, saying where", async () => {
    expect(() => parseFixture({ name: "Bad Name", description: "x" })).toThrow(/name/);
    const example = (await documentedExample()) as { onPremises: { certificates: { server: string }[] } };
    example.onPremises.certificates[0]!.server = "ADX9";
    expect(() => parseFixture(example)).toThrow(/the certificate's server ADX9 is not in servers/);
  });

  it("fails a fixture whose commands Exchange would refuse, naming the command", async () => {
    const fixture = parseFixture(await documentedExample());
    fixture.onPremises.commands.push({
      cmdlet: "New-SendConnector",
      parameters: { Name: "Internet", AddressSpaces: "*" },
    });
    await expect(buildOrganizationPair(fixture)).rejects.toThrow(
      /Fixture 'adatum', OnPremises command 2 \(New-SendConnector\) failed: A send connector needs at least one source transport server\./,
    );
  });

  it("fabrikam still has Exchange 2010, one expired and one valid certificate", async () => {
    const fabrikam = await openPair("fabrikam");
    const versions = (await fabrikam.onPremises("Get-ExchangeServer")).value.map(
      (server) => server.AdminDisplayVersion,
    );
    expect(versions.some((version) => String(version).startsWith("Version 14"))).toBe(true);
    expect(
      (await fabrikam.onPremises("Get-IntraOrganizationConfiguration")).value[0]!
        .DeploymentIsCompleteIOCReady,
    ).toBe(false);
  });

  it("northwind has accepted domains the tenant has not verified", async () => {
    const northwind = await openPair("northwind");
    const onPremises = (await northwind.onPremises("Get-AcceptedDomain")).value.map((d) => d.DomainName);
    const tenant = (await northwind.online("Get-AcceptedDomain")).value.map((d) => d.DomainName);
    expect(onPremises.filter((domain) => !tenant.includes(domain))).toEqual([
      "northwindfoods.com",
      "partners.northwindtraders.com",
    ]);
    const edge = (await northwind.onPremises("Get-ExchangeServer", { Identity: "NW-EDGE1" })).value[0];
    expect(edge).toMatchObject({ IsEdgeServer: true, ServerRole: "Edge", IsClientAccessServer: false });
  });

  it("woodgrove has every hybrid object on both sides, configured so a correct re-run changes nothing", async () => {
    const woodgrove = await openPair("woodgrove");
    const o = "657eda73-deb5-41da-a6c6-941af35a8eb0";
    const g = "ac4312c5-10de-40a9-8f81-ed937c772035";
    const onPremises: [string, Record<string, unknown>][] = [
      ["Get-HybridConfiguration", {}],
      ["Get-RemoteDomain", { Identity: "Hybrid Domain - woodgrovepartners.mail.onmicrosoft.com" }],
      ["Get-RemoteDomain", { Identity: "Hybrid Domain - woodgrovepartners.onmicrosoft.com" }],
      ["Get-AcceptedDomain", { Identity: "woodgrovepartners.mail.onmicrosoft.com" }],
      ["Get-OrganizationRelationship", { Identity: `On-premises to O365 - ${g}` }],
      ["Get-AvailabilityAddressSpace", { Identity: "woodgrovepartners.mail.onmicrosoft.com" }],
      ["Get-SendConnector", { Identity: `Outbound to Office 365 - ${g}` }],
      ["Get-IntraOrganizationConnector", { Identity: `HybridIOC - ${g}` }],
      ["Get-AuthServer", { Identity: `ACS - ${g}` }],
      ["Get-AuthServer", { Identity: `EvoSts - ${g}` }],
    ];
    for (const [cmdlet, parameters] of onPremises) {
      expect((await woodgrove.onPremises(cmdlet, parameters)).value, cmdlet).toHaveLength(1);
    }
    const online: [string, Record<string, unknown>][] = [
      ["Get-OrganizationRelationship", { Identity: `O365 to On-premises - ${o}` }],
      ["Get-InboundConnector", { Identity: `Inbound from ${o}` }],
      ["Get-OutboundConnector", { Identity: `Outbound to ${o}` }],
      ["Get-OnPremisesOrganization", { Identity: o }],
      ["Get-IntraOrganizationConnector", { Identity: `HybridIOC - ${o}` }],
      ["Get-MigrationEndpoint", { Identity: "Hybrid Migration Endpoint - EWS (Default Web Site)" }],
    ];
    for (const [cmdlet, parameters] of online) {
      expect((await woodgrove.online(cmdlet, parameters)).value, cmdlet).toHaveLength(1);
    }
    // Re-applying the HCW's settings is a no-op: Exchange says so with its "not modified" warning.
    const again = await woodgrove.onPremises("Set-PartnerApplication", {
      Identity: "Exchange Online",
      Enabled: true,
    });
    expect(again.warnings).toEqual([
      "The command completed successfully but no settings of 'Exchange Online' have been modified.",
    ]);
    const relationship = await woodgrove.online("Set-OrganizationRelationship", {
      Identity: `O365 to On-premises - ${o}`,
      MailboxMoveEnabled: true,
      FreeBusyAccessEnabled: true,
      FreeBusyAccessLevel: "LimitedDetails",
      TargetOwaURL: "https://mail.woodgrovepartners.com/owa",
    });
    expect(relationship.warnings).toHaveLength(1);
    expect((await woodgrove.onPremises("Get-WebServicesVirtualDirectory")).value[0]!.MRSProxyEnabled).toBe(
      true,
    );
  });
});
