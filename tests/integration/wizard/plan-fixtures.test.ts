import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOUD_HOSTS } from "@/lib/exchange/cloud-hosts";
import { writesOf } from "@/lib/wizard/plan/plan-types";
import { dryRun } from "@/scripts/lib/plan/dry-run";
import { type DryRunSimulators, startDryRunSimulators } from "@/scripts/lib/plan/dry-run-simulators";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { expectFirstRunOperations, operation, shippedAnswers, writtenStrings } from "./expected-operations";

// Every shipped fixture with its answers file, through the dry run's path: the fixture in the
// simulators, the demo admin signed in at the identity simulator, Exchange Online over HTTPS, the
// on-premises reads through the agent's simulated executor, then the planner.

let simulators: DryRunSimulators;

beforeAll(async () => {
  simulators = await startDryRunSimulators();
});

afterAll(async () => {
  await simulators?.close();
});

/** Each fixture is planned once: a sign-in needs a fresh authenticator code, which a person waits for. */
const planned = new Map<string, ReturnType<typeof planOnce>>();
function planFor(name: string) {
  if (!planned.has(name)) planned.set(name, planOnce(name));
  return planned.get(name)!;
}

async function planOnce(name: string) {
  const fixture = await loadFixture(name);
  const answers = await shippedAnswers(name);
  const result = await dryRun({ simulators, fixture, answers });
  if (!result.plan) throw new Error(`${name}: ${JSON.stringify(result.violations)}`);
  return { fixture, answers, plan: result.plan, gather: result.gather };
}

/** Every host of a cloud's table, as the plan would write it in a URL or a TLS name. */
function hostsOf(cloud: keyof typeof CLOUD_HOSTS): string[] {
  const hosts = CLOUD_HOSTS[cloud];
  return [
    hosts.protectionTlsDomain,
    new URL(hosts.onlineDiscoveryEndpoint).host,
    new URL(hosts.acsMetadataUrl("x")).host,
    new URL(hosts.evoStsMetadataUrl("x")).host,
  ];
}

describe("plans of the shipped organizations", () => {
  it("contoso: a first run, every HCW object named and parameterised as the HCW does", async () => {
    const { fixture, answers, plan } = await planFor("contoso");
    expectFirstRunOperations(plan, fixture, answers);
    expect(
      operation(plan, "OnPremises", "New-AuthServer", `ACS - ${fixture.tenant.organizationGuid}`).parameters,
    ).toMatchObject({
      AuthMetadataUrl: `https://accounts.accesscontrol.windows.net/${fixture.tenant.tenantId}/metadata/json/1`,
    });
    expect(
      operation(plan, "Online", "New-MigrationEndpoint", "Hybrid Migration Endpoint - EWS (Default Web Site)")
        .parameters,
    ).toMatchObject({
      RemoteServer: "mail.contoso.com",
    });
    // Exchange 2019 only: no federation trust.
    expect(plan.operations.some((entry) => entry.task === "Federation")).toBe(false);
    // Both servers have the April 2025 hotfix: the dedicated hybrid application, read from Graph as absent.
    const app = operation(
      plan,
      "Graph",
      "New-MgApplication",
      `ExchangeServerApp-${fixture.onPremises.organizationGuid}`,
    );
    expect(app.parameters).toMatchObject({
      RequiredResourceAccess: [{ resourceAppId: "00000002-0000-0ff1-ce00-000000000000" }],
    });
    expect(
      operation(plan, "OnPremises", "Set-AuthServer", `EvoSts - ${fixture.tenant.organizationGuid}`)
        .parameters,
    ).toMatchObject({ ApplicationIdentifier: { fromOperation: app.id, output: "appId" } });
    operation(plan, "OnPremises", "New-SettingOverride", "EnableExchangeHybrid3PAppFeature");
  });

  it("woodgrove: hybrid already configured, so the plan writes nothing", async () => {
    const { plan } = await planFor("woodgrove");
    expect(plan.operations.length).toBeGreaterThan(0);
    expect(writesOf(plan)).toEqual([]);
  });

  it("fabrikam: Exchange 2010 needs the federation trust and a TXT proof, before the relationships", async () => {
    const { fixture, answers, plan } = await planFor("fabrikam");
    expectFirstRunOperations(plan, fixture, answers);
    const trust = operation(plan, "OnPremises", "New-FederationTrust", "Microsoft Federation Gateway");
    const proof = operation(plan, "OnPremises", "Get-FederatedDomainProof", "fabrikam.com");
    expect(proof.parameters).toEqual({ DomainName: "fabrikam.com" });
    expect(proof.after.TxtRecord).toMatch(/^fabrikam\.com IN TXT /);
    expect(
      operation(plan, "OnPremises", "Set-FederatedOrganizationIdentifier", "Federation").parameters,
    ).toMatchObject({
      AccountNamespace: "fabrikam.com",
      DelegationFederationTrust: "Microsoft Federation Gateway",
      Enabled: true,
    });
    expect(
      operation(plan, "Online", "Set-FederatedOrganizationIdentifier", "Federation").parameters,
    ).toMatchObject({
      DefaultDomain: "fabrikam.mail.onmicrosoft.com",
    });
    const order = plan.operations.map((entry) => entry.id);
    const relationship = operation(
      plan,
      "OnPremises",
      "New-OrganizationRelationship",
      `On-premises to O365 - ${fixture.tenant.organizationGuid}`,
    );
    expect(order.indexOf(trust.id)).toBeLessThan(order.indexOf(relationship.id));
  });

  for (const [name, cloud] of [
    ["tailspin", "China21Vianet"],
    ["northwind", "UsGovGccHigh"],
    ["litware", "UsGovDod"],
  ] as const) {
    it(`${name}: every host the plan writes is ${cloud}'s own, never a Worldwide one`, async () => {
      const { fixture, answers, plan, gather } = await planFor(name);
      // Graph was read at this cloud's own Graph, which takes only this cloud's tokens.
      expect(gather.state.graph?.exchangeOnline.id).toEqual(expect.any(String));
      expectFirstRunOperations(plan, fixture, answers);
      const written = writtenStrings(plan).join("\n");
      for (const host of hostsOf("Worldwide")) expect(written).not.toContain(host);
      for (const host of hostsOf(cloud)) expect(written).toContain(host);
    });
  }

  it("tailspin: a server without the April 2025 hotfix, so no hybrid application, and the note says which update", async () => {
    const { plan } = await planFor("tailspin");
    expect(plan.operations.filter((entry) => entry.task === "HybridApplication")).toEqual([]);
    expect(plan.notes).toContainEqual(
      expect.stringMatching(/Update TS-EX1: Exchange 2019 15\.2\.1544\.4 needs 15\.2\.1544\.25/),
    );
  });
});
