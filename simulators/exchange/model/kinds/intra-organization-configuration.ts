import { defineCmdlets } from "../cmdlet-definition";
import { objectsOf } from "../directory-objects";
import type { ExchangeObject } from "../json";
import type { Cloud } from "../organization-state";
import { GUID, ONLINE, onlyOn } from "../parameter-types";

/** The Autodiscover endpoint Exchange Online publishes for on-premises organizations, per cloud. */
const ONLINE_DISCOVERY_ENDPOINTS: Record<Cloud, string> = {
  Worldwide: "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc",
  China21Vianet: "https://autodiscover-s.partner.outlook.cn/autodiscover/autodiscover.svc",
  UsGovGccHigh: "https://autodiscover-s.office365.us/autodiscover/autodiscover.svc",
  UsGovDod: "https://autodiscover-s-dod.office365.us/autodiscover/autodiscover.svc",
};

const BASE: ExchangeObject = {
  DeploymentIsCompleteIOCReady: null,
  HasNonIOCReadyExchangeCASServerVersions: null,
  HasNonIOCReadyExchangeMailboxServerVersions: null,
  Identity: null,
  IsValid: true,
  ObjectState: "New",
  OnlineDiscoveryEndpoint: null,
  OnlineTargetAddress: null,
  OnPremiseDiscoveryEndpoint: null,
  OnPremiseTargetAddresses: [],
  OnPremiseWebServiceEndpoint: null,
};

export const intraOrganizationConfigurationCmdlets = defineCmdlets([
  {
    name: "Get-IntraOrganizationConfiguration",
    sides: ["OnPremises", "Online"],
    parameters: { OrganizationGuid: onlyOn(ONLINE, GUID) },
    run(context) {
      const { state } = context;
      if (state.side === "Online") {
        const coexistence = objectsOf(state, "AcceptedDomain").find(
          (domain) => domain.IsCoexistenceDomain === true,
        );
        const organizationGuid = context.parameters.OrganizationGuid;
        const onPremises = objectsOf(state, "OnPremisesOrganization").find(
          (organization) => organization.OrganizationGuid === organizationGuid,
        );
        return [
          {
            ...BASE,
            OnlineDiscoveryEndpoint: ONLINE_DISCOVERY_ENDPOINTS[state.tenant?.cloud ?? "Worldwide"],
            OnlineTargetAddress: coexistence ? String(coexistence.DomainName) : null,
            OnPremiseTargetAddresses: structuredClone(onPremises?.HybridDomains ?? []),
          },
        ];
      }
      const servers = objectsOf(state, "ExchangeServer");
      const legacy = servers.some((server) => String(server.AdminDisplayVersion).startsWith("Version 14"));
      const ews = objectsOf(state, "WebServicesVirtualDirectory").find((directory) => directory.ExternalUrl);
      const externalUrl = ews ? String(ews.ExternalUrl) : null;
      const discovery = externalUrl
        ? `https://${new URL(externalUrl).host}/autodiscover/autodiscover.svc`
        : null;
      if (discovery) {
        context.warnings.push(
          `Please check that the Autodiscover endpoint of "${discovery}" is correct and can be accessed externally. If it's incorrect or can't be accessed externally, use an existing Autodiscover endpoint that can be accessed externally for the configuration of the intra-organization connector.`,
        );
      }
      return [
        {
          ...BASE,
          DeploymentIsCompleteIOCReady: !legacy,
          HasNonIOCReadyExchangeCASServerVersions: legacy,
          HasNonIOCReadyExchangeMailboxServerVersions: legacy,
          OnPremiseDiscoveryEndpoint: discovery,
          OnPremiseWebServiceEndpoint: externalUrl,
        },
      ];
    },
  },
]);
