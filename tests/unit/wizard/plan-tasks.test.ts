import { describe, expect, it } from "vitest";
import type { Answers } from "@/lib/wizard/answers/answers";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import { type PlanOperation, type PlanTask, writesOf } from "@/lib/wizard/plan/plan-types";
import {
  applyPlan,
  gatherFixture,
  gatherPair,
  planFixture,
  shippedAnswers,
  tenantFactsOf,
} from "./gather-from-fixture";

// Each task's planner over hand-made states: woodgrove as gathered is the configuration the HCW
// leaves (every object `nop`); one property changed by hand must come back as one `update` with
// that property's before and after, and nothing else.

async function plan(
  fixture: string,
  changes: { state?: (state: GatheredState) => void; answers?: (answers: Answers) => void } = {},
) {
  const { pair, state } = await gatherFixture(fixture);
  const answers = structuredClone(await shippedAnswers(fixture));
  changes.state?.(state);
  changes.answers?.(answers);
  return computePlan({ gathered: state, answers, tenant: tenantFactsOf(pair) });
}

function summary(operation: PlanOperation) {
  return {
    task: operation.task,
    action: operation.action,
    cmdlet: operation.cmdlet,
    identity: operation.identity,
    before: operation.before,
    after: operation.after,
  };
}

const G = "ac4312c5-10de-40a9-8f81-ed937c772035";
const O = "657eda73-deb5-41da-a6c6-941af35a8eb0";

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe("one differing property is one update with its before and after", () => {
  const cases: Array<
    [PlanTask, (state: GatheredState) => void, Partial<ReturnType<typeof summary>>, Record<string, unknown>]
  > = [
    [
      "GlobalPrerequisites",
      (state) => {
        state.onPremises.hybridConfiguration!.ClientAccessServers = ["WG-EX1"];
      },
      {
        cmdlet: "Set-HybridConfiguration",
        before: { ClientAccessServers: ["WG-EX1"] },
        after: { ClientAccessServers: [] },
      },
      { ClientAccessServers: null },
    ],
    [
      "Recipient",
      (state) => {
        state.onPremises.remoteDomains.find(
          (domain) => domain.DomainName === "woodgrovepartners.mail.onmicrosoft.com",
        )!.TargetDeliveryDomain = false;
      },
      {
        cmdlet: "Set-RemoteDomain",
        identity: "Hybrid Domain - woodgrovepartners.mail.onmicrosoft.com",
        before: { TargetDeliveryDomain: false },
        after: { TargetDeliveryDomain: true },
      },
      { Identity: "Hybrid Domain - woodgrovepartners.mail.onmicrosoft.com", TargetDeliveryDomain: true },
    ],
    [
      "OnOffSettings",
      (state) => {
        state.online.organizationRelationships[0]!.FreeBusyAccessLevel = "AvailabilityOnly";
      },
      {
        cmdlet: "Set-OrganizationRelationship",
        identity: `O365 to On-premises - ${O}`,
        before: { FreeBusyAccessLevel: "AvailabilityOnly" },
        after: { FreeBusyAccessLevel: "LimitedDetails" },
      },
      { Identity: `O365 to On-premises - ${O}`, FreeBusyAccessLevel: "LimitedDetails" },
    ],
    [
      "MailFlow",
      (state) => {
        state.onPremises.sendConnectors.find((connector) =>
          connector.Name.startsWith("Outbound to Office 365"),
        )!.TlsDomain = "mail.contoso.com";
      },
      {
        cmdlet: "Set-SendConnector",
        identity: `Outbound to Office 365 - ${G}`,
        before: { TlsDomain: "mail.contoso.com" },
        after: { TlsDomain: "mail.protection.outlook.com" },
      },
      { Identity: `Outbound to Office 365 - ${G}`, TLSDomain: "mail.protection.outlook.com" },
    ],
    [
      "MailFlow",
      (state) => {
        state.onPremises.receiveConnectors.find(
          (connector) => connector.Name === "Default Frontend WG-EX1",
        )!.TlsDomainCapabilities = [];
      },
      {
        cmdlet: "Set-ReceiveConnector",
        identity: "WG-EX1\\Default Frontend WG-EX1",
        before: { TlsDomainCapabilities: [] },
        after: { TlsDomainCapabilities: ["mail.protection.outlook.com:AcceptCloudServicesMail"] },
      },
      {
        Identity: "WG-EX1\\Default Frontend WG-EX1",
        TLSDomainCapabilities: ["mail.protection.outlook.com:AcceptCloudServicesMail"],
      },
    ],
    [
      "MailFlow",
      (state) => {
        state.online.outboundConnectors[0]!.SmartHosts = ["old.woodgrovepartners.com"];
      },
      {
        cmdlet: "Set-OutboundConnector",
        before: { SmartHosts: ["old.woodgrovepartners.com"] },
        after: { SmartHosts: ["mail.woodgrovepartners.com"] },
      },
      { Identity: `Outbound to ${O}`, SmartHosts: ["mail.woodgrovepartners.com"] },
    ],
    [
      "IntraOrganization",
      (state) => {
        state.onPremises.authServers.find((server) => server.Name.startsWith("EvoSts"))!.Enabled = false;
      },
      {
        cmdlet: "Set-AuthServer",
        identity: `EvoSts - ${G}`,
        before: { Enabled: false },
        after: { Enabled: true },
      },
      { Identity: `EvoSts - ${G}`, Enabled: true },
    ],
    [
      "MRSProxy",
      (state) => {
        state.onPremises.webServicesVirtualDirectories[0]!.MRSProxyEnabled = false;
      },
      {
        cmdlet: "Set-WebServicesVirtualDirectory",
        identity: "WG-EX1\\EWS (Default Web Site)",
        before: { MRSProxyEnabled: false },
        after: { MRSProxyEnabled: true },
      },
      { Identity: "WG-EX1\\EWS (Default Web Site)", MRSProxyEnabled: true },
    ],
  ];
  for (const [task, change, expected, parameters] of cases) {
    it(`${task}: ${expected.cmdlet} ${Object.keys(expected.after ?? {}).join(", ")}`, async () => {
      const writes = writesOf(await plan("woodgrove", { state: change }));
      const operation = only(writes.filter((candidate) => candidate.task === task));
      expect(summary(operation)).toMatchObject({ task, action: "update", ...expected });
      expect(operation.parameters).toEqual(parameters);
      // Only the Final comment follows a change; nothing else is touched.
      expect(
        writes.filter((candidate) => candidate !== operation).map((candidate) => candidate.task),
      ).toEqual(["Final"]);
    });
  }

  it("MRSProxy: an existing migration endpoint with another remote server is updated", async () => {
    const writes = writesOf(
      await plan("woodgrove", {
        state: (state) => {
          state.online.migrationEndpoints[0]!.RemoteServer = "old.woodgrovepartners.com";
        },
      }),
    );
    expect(summary(writes[0]!)).toMatchObject({
      cmdlet: "Set-MigrationEndpoint",
      before: { RemoteServer: "old.woodgrovepartners.com" },
      after: { RemoteServer: "mail.woodgrovepartners.com" },
    });
  });

  it("Recipient: a policy that lost the coexistence template gets it back and is applied again", async () => {
    const writes = writesOf(
      await plan("woodgrove", {
        state: (state) => {
          state.onPremises.emailAddressPolicies[0]!.EnabledEmailAddressTemplates = [
            "SMTP:@woodgrovepartners.com",
          ];
        },
      }),
    );
    expect(writes.filter((operation) => operation.task === "Recipient").map(summary)).toEqual([
      expect.objectContaining({
        cmdlet: "Set-EmailAddressPolicy",
        after: {
          EnabledEmailAddressTemplates: [
            "SMTP:@woodgrovepartners.com",
            "smtp:%m@woodgrovepartners.mail.onmicrosoft.com",
          ],
        },
      }),
      expect.objectContaining({
        cmdlet: "Update-EmailAddressPolicy",
        after: { RecipientFilterApplied: true },
      }),
    ]);
  });

  it("a matching object calls nothing, whatever the case of its values", async () => {
    const writes = writesOf(
      await plan("woodgrove", {
        state: (state) => {
          state.online.outboundConnectors[0]!.SmartHosts = ["MAIL.WoodgrovePartners.com"];
        },
      }),
    );
    expect(writes).toEqual([]);
  });
});

describe("names earlier wizards used are updated, never duplicated", () => {
  it("a legacy 'Hybrid Mail Flow Outbound Connector' is updated in place", async () => {
    const writes = writesOf(
      await plan("woodgrove", {
        state: (state) => {
          const connector = state.online.outboundConnectors[0]!;
          connector.Name = "Hybrid Mail Flow Outbound Connector";
          connector.Identity = connector.Name;
          connector.TlsDomain = null;
        },
      }),
    );
    const mailFlow = writes.filter((operation) => operation.task === "MailFlow");
    expect(mailFlow.map(summary)).toEqual([
      expect.objectContaining({
        action: "update",
        cmdlet: "Set-OutboundConnector",
        identity: "Hybrid Mail Flow Outbound Connector",
        after: { TlsDomain: "mail.woodgrovepartners.com" },
      }),
      expect.objectContaining({
        action: "update",
        cmdlet: "Set-OnPremisesOrganization",
        after: { OutboundConnector: "Hybrid Mail Flow Outbound Connector" },
      }),
    ]);
    expect(writes.some((operation) => operation.action === "new")).toBe(false);
  });

  it("a send connector named 'Outbound to Office 365' and an Exchange 2010-era relationship are kept, not recreated", async () => {
    const { operations } = await plan("woodgrove", {
      state: (state) => {
        const connector = state.onPremises.sendConnectors.find((candidate) =>
          candidate.Name.startsWith("Outbound to Office 365"),
        )!;
        connector.Name = "Outbound to Office 365";
        connector.Identity = connector.Name;
        const relationship = state.onPremises.organizationRelationships[0]!;
        relationship.Name = "On Premises to Exchange Online Organization Relationship";
        relationship.Identity = relationship.Name;
      },
    });
    expect(writesOf({ operations })).toEqual([]);
    expect(operations.filter((operation) => operation.task === "MailFlow")[0]!.identity).toBe(
      "Outbound to Office 365",
    );
    expect(operations.filter((operation) => operation.kind === "OrganizationRelationship")[0]!.identity).toBe(
      "On Premises to Exchange Online Organization Relationship",
    );
  });
});

describe("the answers change the plan as the HCW's would", () => {
  it("minimal hybrid leaves out relationships, mail flow, OAuth and federation, keeps mailbox moves", async () => {
    const operations = (
      await plan("contoso", {
        answers: (answers) => {
          answers.features.hybrid = "minimal";
        },
      })
    ).operations;
    expect([...new Set(operations.map((operation) => operation.task))]).toEqual([
      "GlobalPrerequisites",
      "Recipient",
      "MRSProxy",
    ]);
    const hybrid = operations.find((operation) => operation.cmdlet === "Set-HybridConfiguration")!;
    expect(hybrid.after.Features).toEqual(["MoveMailbox"]);
    expect(operations.some((operation) => operation.cmdlet === "New-MigrationEndpoint")).toBe(true);
    const fabrikam = (
      await plan("fabrikam", {
        answers: (answers) => {
          answers.features.hybrid = "minimal";
        },
      })
    ).operations;
    expect(fabrikam.some((operation) => operation.task === "Federation")).toBe(false);
  });

  it("without the migration endpoint, MRSProxy is still enabled but no endpoint is created", async () => {
    const operations = (
      await plan("contoso", {
        answers: (answers) => {
          answers.features.migrationEndpoint = false;
        },
      })
    ).operations;
    expect(
      operations.filter((operation) => operation.task === "MRSProxy").map((operation) => operation.cmdlet),
    ).toEqual(["Set-WebServicesVirtualDirectory", "Set-WebServicesVirtualDirectory"]);
  });

  it("centralized mail transport routes Exchange Online's mail through on-premises", async () => {
    const writes = writesOf(
      await plan("woodgrove", {
        answers: (answers) => {
          answers.transport.centralizedMailTransport = true;
        },
      }),
    );
    expect(writes.map(summary)).toEqual([
      expect.objectContaining({
        cmdlet: "Set-HybridConfiguration",
        after: { Features: expect.arrayContaining(["CentralizedTransport"]) },
      }),
      expect.objectContaining({
        cmdlet: "Set-OutboundConnector",
        before: { RouteAllMessagesViaOnPremises: false },
        after: { RouteAllMessagesViaOnPremises: true },
      }),
      expect.objectContaining({ task: "Final", cmdlet: "Set-OnPremisesOrganization" }),
    ]);
  });

  it("Edge Transport moves mail flow to the Edge servers", async () => {
    const operations = (
      await plan("northwind", {
        answers: (answers) => {
          answers.transport.edgeTransport = true;
          answers.receiveConnectors.servers = ["NW-EDGE1"];
          answers.sendConnectors.servers = ["NW-EDGE1"];
        },
      })
    ).operations;
    const hybrid = operations.find((operation) => operation.cmdlet === "Set-HybridConfiguration")!;
    expect(hybrid.after).toMatchObject({
      EdgeTransportServers: ["NW-EDGE1"],
      SendingTransportServers: [],
      ReceivingTransportServers: [],
    });
    expect(
      operations.find((operation) => operation.cmdlet === "New-SendConnector")!.after.SourceTransportServers,
    ).toEqual(["NW-EDGE1"]);
    expect(
      operations
        .filter((operation) => operation.cmdlet === "Set-ReceiveConnector")
        .map((operation) => operation.identity),
    ).toEqual(["NW-EDGE1\\Default internal receive connector NW-EDGE1"]);
  });

  it("organization configuration transfer adds its own task only when chosen, and Final records the choice", async () => {
    const off = await plan("contoso");
    expect(
      off.operations.filter((operation) => operation.task === "OrganizationConfigurationTransfer"),
    ).toEqual([]);
    const contoso = await plan("contoso", {
      answers: (answers) => {
        answers.features.organizationConfigurationTransfer = true;
      },
    });
    const tasks = contoso.operations.map((operation) => operation.task);
    expect(tasks.indexOf("OrganizationConfigurationTransfer")).toBeGreaterThan(tasks.lastIndexOf("MRSProxy"));
    expect(tasks.lastIndexOf("OrganizationConfigurationTransfer")).toBeLessThan(tasks.indexOf("Final"));
    expect(contoso.operations.find((operation) => operation.task === "Final")!.after.Comment).toMatch(
      /organizationConfigurationTransfer=true/,
    );
  });

  it("a comment this wizard wrote is brought up to date; another tool's is left alone on a clean re-run", async () => {
    const ours = writesOf(
      await plan("woodgrove", {
        state: (state) => {
          state.online.onPremisesOrganizations[0]!.Comment = "hybrid-wizard v1; hybrid=minimal";
        },
      }),
    );
    expect(ours.map(summary)).toEqual([
      expect.objectContaining({ task: "Final", before: { Comment: "hybrid-wizard v1; hybrid=minimal" } }),
    ]);
  });

  it("a differing availability address space is left alone with a note, as Exchange cannot change one", async () => {
    const result = await plan("woodgrove", {
      state: (state) => {
        state.onPremises.availabilityAddressSpaces[0]!.ProxyUrl =
          "https://old.woodgrovepartners.com/EWS/Exchange.asmx";
      },
    });
    expect(writesOf(result)).toEqual([]);
    expect(result.notes).toEqual([
      expect.stringMatching(/Remove-AvailabilityAddressSpace/),
      expect.stringMatching(/Microsoft Graph was not read/),
    ]);
  });

  it("a tenant without its coexistence domain yet gets the derived name, and a note to gather again", async () => {
    const result = await plan("contoso", {
      state: (state) => {
        state.online.acceptedDomains = state.online.acceptedDomains.filter(
          (domain) => !domain.IsCoexistenceDomain,
        );
      },
    });
    expect(result.operations.find((operation) => operation.cmdlet === "New-AcceptedDomain")!.identity).toBe(
      "contoso.mail.onmicrosoft.com",
    );
    expect(result.notes).toEqual([
      expect.stringMatching(/does not list its coexistence domain contoso\.mail\.onmicrosoft\.com/),
      expect.stringMatching(/Microsoft Graph was not read/),
    ]);
  });

  it("federation: a second hybrid domain gets its own TXT proof, and is added to the federation after it", async () => {
    const result = await plan("fabrikam", {
      state: (state) => {
        for (const domains of [state.onPremises.acceptedDomains, state.online.acceptedDomains]) {
          domains.push({
            ...domains.find((domain) => domain.DomainName === "fabrikam.com")!,
            Identity: "fabrikam.net",
            Name: "fabrikam.net",
            DomainName: "fabrikam.net",
            Default: false,
          });
        }
      },
      answers: (answers) => {
        answers.domains.hybridDomains.push("fabrikam.net");
      },
    });
    const federation = result.operations.filter((operation) => operation.task === "Federation");
    expect(federation.map((operation) => `${operation.cmdlet} ${operation.identity}`)).toEqual([
      "New-FederationTrust Microsoft Federation Gateway",
      "Get-FederatedDomainProof fabrikam.com",
      "Get-FederatedDomainProof fabrikam.net",
      "Set-FederatedOrganizationIdentifier Federation",
      "Add-FederatedDomain fabrikam.net",
      "Set-FederatedOrganizationIdentifier Federation",
    ]);
    expect(federation[4]!.dependsOn).toEqual([federation[3]!.id, federation[2]!.id]);
  });

  it("federation: a trust pointing at another cloud's gateway is set to this one's", async () => {
    const { pair, answers } = await planFixture("fabrikam");
    await applyPlan(pair, (await planFixture("fabrikam")).plan);
    const { state } = await gatherPair(pair);
    state.onPremises.federationTrust!.TokenIssuerMetadataEpr =
      "https://nexus.microsoftonline-p.com/FederationMetadata/2006-12/FederationMetadata.xml";
    const gcc = computePlan({
      gathered: state,
      answers,
      tenant: { ...tenantFactsOf(pair), cloud: "UsGovGccHigh" },
    });
    const trust = gcc.operations.find((operation) => operation.kind === "FederationTrust")!;
    expect(summary(trust)).toMatchObject({
      action: "update",
      cmdlet: "Set-FederationTrust",
      after: {
        TokenIssuerMetadataEpr:
          "https://login.microsoftonline.us/FederationMetadata/2006-12/FederationMetadata.xml",
      },
    });
    expect(trust.parameters).toEqual({
      Identity: "Microsoft Federation Gateway",
      MetadataUrl: "https://login.microsoftonline.us/FederationMetadata/2006-12/FederationMetadata.xml",
    });
  });
});
