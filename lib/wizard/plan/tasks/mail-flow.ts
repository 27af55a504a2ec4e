import { frontendReceiveConnector } from "@/lib/wizard/gather/receive-connector-choice";
import { withItems } from "../compare-values";
import type { PlanContext } from "../plan-context";
import { findNamed, planObject } from "../plan-object";
import { identityOf, idsOf, type PlanTaskStep } from "../plan-task";
import type { PlanOperation } from "../plan-types";

// MailFlow: TLS-secured mail both ways. On-premises a send connector to the coexistence domain and
// the cloud's TLS name on each receiving server's port-25 connector; in the cloud an inbound
// connector that recognises on-premises by its certificate, an outbound connector to the
// organization FQDN, and the OnPremisesOrganization object that ties them together. Full hybrid
// only. Connectors an older wizard made ("Hybrid Mail Flow …") are updated, never duplicated.

function sendConnectorName(context: PlanContext): string {
  return `Outbound to Office 365 - ${context.tenantGuid}`;
}

/** The hybrid send connector: by its HCW name, its legacy name, or the coexistence domain it serves. */
export function existingSendConnector(context: PlanContext) {
  const connectors = context.gathered.onPremises.sendConnectors;
  return (
    findNamed(connectors, [sendConnectorName(context), "Outbound to Office 365"]) ??
    connectors.find((connector) =>
      connector.AddressSpaces.some((space) =>
        space.toLowerCase().includes(`:${context.coexistenceDomain.toLowerCase()}`),
      ),
    )
  );
}

function sendConnector(context: PlanContext): PlanOperation[] {
  const name = sendConnectorName(context);
  const addressSpace = `smtp:${context.coexistenceDomain};1`;
  const existing = existingSendConnector(context);
  return planObject({
    task: "MailFlow",
    side: "OnPremises",
    kind: "SendConnector",
    existing,
    identity: existing?.Name ?? name,
    creation: { Name: name },
    settingsAtCreation: true,
    wanted: {
      AddressSpaces: [addressSpace],
      DNSRoutingEnabled: true,
      Fqdn: context.organizationFqdn,
      RequireTLS: true,
      TlsAuthLevel: "DomainValidation",
      TlsDomain: context.hosts.protectionTlsDomain,
      CloudServicesMailEnabled: true,
      SourceTransportServers: context.sendServers,
      TlsCertificateName: context.tlsCertificateName,
    },
  });
}

function receiveConnectors(context: PlanContext): PlanOperation[] {
  const capability = `${context.hosts.protectionTlsDomain}:AcceptCloudServicesMail`;
  return context.receiveServers.flatMap((server) => {
    const connector = frontendReceiveConnector(context.gathered, server);
    if (!connector) {
      context.notes.push(
        `${server} has no receive connector on port 25 for all IPv4 and IPv6 addresses, so the plan does not change one there (HCW8010).`,
      );
      return [];
    }
    return planObject({
      task: "MailFlow",
      side: "OnPremises",
      kind: "ReceiveConnector",
      existing: connector,
      identity: connector.Identity,
      settingsAtCreation: true,
      wanted: {
        TlsCertificateName: context.tlsCertificateName,
        TlsDomainCapabilities: withItems(connector.TlsDomainCapabilities, [capability]),
      },
    });
  });
}

export function existingInboundConnector(context: PlanContext) {
  return findNamed(context.gathered.online.inboundConnectors, [
    `Inbound from ${context.onPremisesGuid}`,
    "Hybrid Mail Flow Inbound Connector",
  ]);
}

function inboundConnector(context: PlanContext): PlanOperation[] {
  const name = `Inbound from ${context.onPremisesGuid}`;
  const existing = existingInboundConnector(context);
  return planObject({
    task: "MailFlow",
    side: "Online",
    kind: "InboundConnector",
    existing,
    identity: existing?.Name ?? name,
    creation: { Name: name },
    settingsAtCreation: true,
    wanted: {
      ConnectorType: "OnPremises",
      ConnectorSource: "HybridWizard",
      CloudServicesMailEnabled: true,
      RequireTls: true,
      SenderDomains: ["*"],
      TlsSenderCertificateName: context.certificateSubjectName,
    },
  });
}

export function existingOutboundConnector(context: PlanContext) {
  return findNamed(context.gathered.online.outboundConnectors, [
    `Outbound to ${context.onPremisesGuid}`,
    "Hybrid Mail Flow Outbound Connector",
  ]);
}

function outboundConnector(context: PlanContext): PlanOperation[] {
  const name = `Outbound to ${context.onPremisesGuid}`;
  const existing = existingOutboundConnector(context);
  return planObject({
    task: "MailFlow",
    side: "Online",
    kind: "OutboundConnector",
    existing,
    identity: existing?.Name ?? name,
    creation: { Name: name },
    settingsAtCreation: true,
    wanted: {
      ConnectorType: "OnPremises",
      ConnectorSource: "HybridWizard",
      RecipientDomains: context.hybridDomains,
      SmartHosts: [context.organizationFqdn],
      TlsSettings: "DomainValidation",
      TlsDomain: context.certificateSubjectName,
      CloudServicesMailEnabled: true,
      // Centralized mail transport: Exchange Online sends internet mail through on-premises too.
      RouteAllMessagesViaOnPremises: context.answers.transport.centralizedMailTransport,
      UseMXRecord: false,
    },
  });
}

export function existingOnPremisesOrganization(context: PlanContext) {
  return context.gathered.online.onPremisesOrganizations.find(
    (organization) =>
      organization.OrganizationGuid?.toLowerCase() === context.onPremisesGuid.toLowerCase() ||
      organization.Name.toLowerCase() === context.onPremisesGuid.toLowerCase(),
  );
}

function onPremisesOrganization(context: PlanContext, earlier: readonly PlanOperation[]): PlanOperation[] {
  const existing = existingOnPremisesOrganization(context);
  return planObject({
    task: "MailFlow",
    side: "Online",
    kind: "OnPremisesOrganization",
    existing,
    identity: existing?.Name ?? context.onPremisesGuid,
    creation: { Name: context.onPremisesGuid, OrganizationGuid: context.onPremisesGuid },
    settingsAtCreation: true,
    wanted: {
      OrganizationName: context.onPremisesOrganizationName,
      HybridDomains: context.hybridDomains,
      InboundConnector: identityOf(earlier, "InboundConnector", "Online")!,
      OutboundConnector: identityOf(earlier, "OutboundConnector", "Online")!,
      OrganizationRelationship: identityOf(earlier, "OrganizationRelationship", "Online")!,
    },
    dependsOn: [
      ...idsOf(earlier, "InboundConnector", "Online"),
      ...idsOf(earlier, "OutboundConnector", "Online"),
      ...idsOf(earlier, "OrganizationRelationship", "Online"),
    ],
  });
}

export const planMailFlow: PlanTaskStep = (context, earlier) => {
  if (!context.full) return [];
  const connectors = [...inboundConnector(context), ...outboundConnector(context)];
  return [
    ...sendConnector(context),
    ...receiveConnectors(context),
    ...connectors,
    ...onPremisesOrganization(context, [...earlier, ...connectors]),
  ];
};
