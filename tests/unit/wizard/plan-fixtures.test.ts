import { describe, expect, it } from "vitest";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import { PLAN_TASKS, writesOf } from "@/lib/wizard/plan/plan-types";
import {
  applyPlan,
  gatherPair,
  planFixture,
  SHIPPED_FIXTURES,
  shippedAnswers,
  tenantFactsOf,
} from "./gather-from-fixture";

// The planner over the shipped organizations, as gathered through the read list from the
// simulators: what the HCW would do for each, and that doing it converges.

/** Hosts only Worldwide uses; none may appear in a national cloud's plan. */
const WORLDWIDE_HOSTS =
  /outlook\.com|outlook\.office\.com|office365\.com|windows\.net|microsoftonline\.com|microsoftonline-p\.com/i;

describe("plans for the shipped organizations", () => {
  it("woodgrove, already configured, plans zero writes", async () => {
    const { plan } = await planFixture("woodgrove");
    expect(writesOf(plan)).toEqual([]);
    expect(plan.operations.length).toBeGreaterThan(20);
  });

  for (const fixture of SHIPPED_FIXTURES) {
    it(`${fixture}: applying the plan and planning again gives zero writes`, async () => {
      const { pair, answers } = await planFixture(fixture);
      const first = computePlan({
        gathered: (await gatherPair(pair)).state,
        answers,
        tenant: tenantFactsOf(pair),
      });
      await applyPlan(pair, first);
      const again = computePlan({
        gathered: (await gatherPair(pair)).state,
        answers,
        tenant: tenantFactsOf(pair),
      });
      expect(writesOf(again).map((operation) => operation.id)).toEqual([]);
    });

    it(`${fixture}: tasks run in the HCW's order and each operation depends only on earlier ones`, async () => {
      const { plan } = await planFixture(fixture);
      const order = plan.operations.map((operation) => PLAN_TASKS.indexOf(operation.task));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      const seen = new Set<string>();
      for (const operation of plan.operations) {
        for (const dependency of operation.dependsOn)
          expect(seen, `${operation.id} → ${dependency}`).toContain(dependency);
        expect(seen).not.toContain(operation.id);
        seen.add(operation.id);
      }
    });
  }

  it("contoso gets the HCW's objects with the cross-GUID names", async () => {
    const { plan } = await planFixture("contoso");
    const g = "5b2de0bc-75c7-4d17-9f3c-7470d80b3c52";
    const o = "4232ba78-e54f-47d0-b3de-fc1bde24904d";
    const created = writesOf(plan)
      .filter((operation) => operation.action === "new")
      .map((operation) => `${operation.side} ${operation.cmdlet} ${operation.identity}`);
    expect(created).toEqual([
      "OnPremises New-HybridConfiguration Hybrid Configuration",
      "OnPremises New-RemoteDomain Hybrid Domain - contoso.mail.onmicrosoft.com",
      "OnPremises New-RemoteDomain Hybrid Domain - contoso.onmicrosoft.com",
      "OnPremises New-AcceptedDomain contoso.mail.onmicrosoft.com",
      `OnPremises New-OrganizationRelationship On-premises to O365 - ${g}`,
      `Online New-OrganizationRelationship O365 to On-premises - ${o}`,
      "OnPremises Add-AvailabilityAddressSpace contoso.mail.onmicrosoft.com",
      `OnPremises New-SendConnector Outbound to Office 365 - ${g}`,
      `Online New-InboundConnector Inbound from ${o}`,
      `Online New-OutboundConnector Outbound to ${o}`,
      `Online New-OnPremisesOrganization ${o}`,
      `OnPremises New-IntraOrganizationConnector HybridIOC - ${g}`,
      `Online New-IntraOrganizationConnector HybridIOC - ${o}`,
      `OnPremises New-AuthServer ACS - ${g}`,
      `OnPremises New-AuthServer EvoSts - ${g}`,
      "Online New-MigrationEndpoint Hybrid Migration Endpoint - EWS (Default Web Site)",
    ]);
    const send = plan.operations.find((operation) => operation.cmdlet === "New-SendConnector")!;
    expect(send.parameters).toMatchObject({
      AddressSpaces: ["smtp:contoso.mail.onmicrosoft.com;1"],
      TLSDomain: "mail.protection.outlook.com",
      TLSAuthLevel: "DomainValidation",
      SourceTransportServers: ["EX1", "EX2"],
      TLSCertificateName:
        "<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com",
    });
    const mrs = plan.operations.filter((operation) => operation.kind === "WebServicesVirtualDirectory");
    expect(mrs.map((operation) => [operation.identity, operation.before, operation.after])).toEqual([
      ["EX1\\EWS (Default Web Site)", { MRSProxyEnabled: false }, { MRSProxyEnabled: true }],
      ["EX2\\EWS (Default Web Site)", { MRSProxyEnabled: false }, { MRSProxyEnabled: true }],
    ]);
    const endpoint = plan.operations.find((operation) => operation.cmdlet === "New-MigrationEndpoint")!;
    expect(endpoint.dependsOn).toEqual(mrs.map((operation) => operation.id));
    expect(JSON.stringify(endpoint.parameters)).not.toMatch(/secret|password/i);
    expect(endpoint.credentials).toEqual({
      Credentials: { userName: "CONTOSO\\svc-migration", secretReference: "migration-account" },
    });
  });

  it("fabrikam (Exchange 2010 present) gets the federation trust and its TXT proof before the organization relationships, and no OAuth", async () => {
    const { plan } = await planFixture("fabrikam");
    const federation = plan.operations.filter((operation) => operation.task === "Federation");
    expect(
      federation.map(
        (operation) => `${operation.side} ${operation.action} ${operation.cmdlet} ${operation.identity}`,
      ),
    ).toEqual([
      "OnPremises new New-FederationTrust Microsoft Federation Gateway",
      "OnPremises new Get-FederatedDomainProof fabrikam.com",
      "OnPremises update Set-FederatedOrganizationIdentifier Federation",
      "Online update Set-FederatedOrganizationIdentifier Federation",
    ]);
    const [trust, proof, onPremisesIdentifier] = federation;
    expect(proof!.dependsOn).toEqual([trust!.id]);
    expect(onPremisesIdentifier!.parameters).toEqual({
      AccountNamespace: "fabrikam.com",
      DelegationFederationTrust: "Microsoft Federation Gateway",
      Enabled: true,
    });
    const relationships = plan.operations.filter(
      (operation) => operation.task === "OrganizationRelationship",
    );
    for (const relationship of relationships)
      expect(relationship.dependsOn).toEqual(expect.arrayContaining([trust!.id, proof!.id]));
    expect(plan.operations.filter((operation) => operation.task === "IntraOrganization")).toEqual([]);
  });

  for (const [fixture, own] of [
    ["tailspin", /partner\.outlook\.cn|chinacloudapi\.cn/],
    ["northwind", /office365\.us|microsoftonline\.us/],
    ["litware", /office365\.us|microsoftonline\.us/],
  ] as const) {
    it(`${fixture} carries only its own cloud's hosts`, async () => {
      const { plan } = await planFixture(fixture);
      const text = JSON.stringify(plan);
      expect(text).not.toMatch(WORLDWIDE_HOSTS);
      expect(text).toMatch(own);
    });
  }

  it("a federation trust in GCC High uses the government gateway's metadata, and no Worldwide host", async () => {
    const { state, answers, pair } = await planFixture("fabrikam");
    const tenant = { ...tenantFactsOf(pair), cloud: "UsGovGccHigh" as const };
    const plan = computePlan({ gathered: state, answers, tenant });
    const trust = plan.operations.find((operation) => operation.cmdlet === "New-FederationTrust")!;
    expect(trust.parameters).toEqual({
      Name: "Microsoft Federation Gateway",
      MetadataUrl: "https://login.microsoftonline.us/FederationMetadata/2006-12/FederationMetadata.xml",
    });
    expect(JSON.stringify(plan)).not.toMatch(WORLDWIDE_HOSTS);
  });

  it("a Worldwide plan does use Worldwide hosts, so the national-cloud check can fail", async () => {
    const { plan } = await planFixture("contoso");
    expect(JSON.stringify(plan)).toMatch(WORLDWIDE_HOSTS);
  });

  it("shipped answers name the cloud their fixture lives in", async () => {
    for (const fixture of SHIPPED_FIXTURES) {
      const { pair } = await planFixture(fixture);
      expect((await shippedAnswers(fixture)).environment.cloud).toBe(tenantFactsOf(pair).cloud);
    }
  });
});
