import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import { withItems } from "../compare-values";
import type { PlanContext } from "../plan-context";
import { findNamed, planObject } from "../plan-object";
import type { PlanTaskStep } from "../plan-task";
import type { PlanOperation } from "../plan-types";

// IntraOrganization: OAuth between the two sides (free/busy, MailTips and photos without the
// federation gateway): an intra-organization connector each way, the Exchange Online partner
// application, and the tenant's two auth servers on-premises. Full hybrid without Exchange 2010.

/** Exchange's well-known application id for Exchange Online. */
const EXCHANGE_ONLINE_APPLICATION_ID = "00000002-0000-0ff1-ce00-000000000000";

function connector(context: PlanContext, side: ExchangeSide): PlanOperation[] {
  const onPremises = side === "OnPremises";
  const name = `HybridIOC - ${onPremises ? context.tenantGuid : context.onPremisesGuid}`;
  const targets = onPremises ? [context.coexistenceDomain] : context.hybridDomains;
  const connectors = onPremises
    ? context.gathered.onPremises.intraOrganizationConnectors
    : context.gathered.online.intraOrganizationConnectors;
  const wanted = new Set(targets.map((domain) => domain.toLowerCase()));
  // A target domain can be served by one connector only: one that already serves it is the one to update.
  const existing =
    findNamed(connectors, [name]) ??
    connectors.find((candidate) =>
      candidate.TargetAddressDomains.some((domain) => wanted.has(domain.toLowerCase())),
    );
  return planObject({
    task: "IntraOrganization",
    side,
    kind: "IntraOrganizationConnector",
    existing,
    identity: existing?.Name ?? name,
    creation: { Name: name },
    settingsAtCreation: true,
    wanted: {
      DiscoveryEndpoint: onPremises
        ? context.hosts.onlineDiscoveryEndpoint
        : `https://${context.ewsHost}/autodiscover/autodiscover.svc`,
      TargetAddressDomains: withItems(existing?.TargetAddressDomains ?? [], targets),
      Enabled: true,
    },
  });
}

function partnerApplication(context: PlanContext): PlanOperation[] {
  const existing = context.gathered.onPremises.partnerApplications.find(
    (application) =>
      application.ApplicationIdentifier === EXCHANGE_ONLINE_APPLICATION_ID ||
      application.Name === "Exchange Online",
  );
  if (!existing) {
    context.notes.push(
      "The Exchange Online partner application is missing on-premises, so OAuth cannot be turned on. Run Exchange setup's /PrepareAD again, or configure OAuth by hand (HCW8064).",
    );
    return [];
  }
  return planObject({
    task: "IntraOrganization",
    side: "OnPremises",
    kind: "PartnerApplication",
    existing,
    identity: existing.Name,
    settingsAtCreation: true,
    wanted: { Enabled: true },
  });
}

function authServer(
  context: PlanContext,
  name: string,
  wanted: Record<string, string | boolean | string[]>,
  creation: Record<string, string>,
): PlanOperation[] {
  const existing = findNamed(context.gathered.onPremises.authServers, [name]);
  return planObject({
    task: "IntraOrganization",
    side: "OnPremises",
    kind: "AuthServer",
    existing,
    identity: existing?.Name ?? name,
    creation: { Name: name, ...creation },
    settingsAtCreation: true,
    wanted,
  });
}

export const planIntraOrganization: PlanTaskStep = (context) => {
  if (!context.oauth) return [];
  const acs = `ACS - ${context.tenantGuid}`;
  const acsServer = findNamed(context.gathered.onPremises.authServers, [acs]);
  return [
    ...connector(context, "OnPremises"),
    ...connector(context, "Online"),
    ...partnerApplication(context),
    ...authServer(
      context,
      acs,
      {
        AuthMetadataUrl: context.hosts.acsMetadataUrl(context.tenant.entraTenantId),
        DomainName: withItems(acsServer?.DomainName ?? [], [
          ...context.hybridDomains,
          context.coexistenceDomain,
        ]),
        Enabled: true,
      },
      {},
    ),
    ...authServer(
      context,
      `EvoSts - ${context.tenantGuid}`,
      { AuthMetadataUrl: context.hosts.evoStsMetadataUrl(context.tenant.tenantInitialDomain), Enabled: true },
      { Type: "AzureAD" },
    ),
  ];
};
