import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { objectsOf } from "../directory-objects";
import { stringParameter } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import type { OrganizationState } from "../organization-state";
import { BOTH_SIDES, oneOf, STRING, SWITCH, URI } from "../parameter-types";
import { EXCHANGE_ONLINE_APPLICATION_ID } from "./partner-application";

// Test-OAuthConnectivity, as the HCW's ValidateConfiguration runs it each way: an EWS call made with
// an OAuth token. The simulator answers from the configuration that call depends on, so a hybrid
// left half-configured fails here as it would against Exchange: on-premises needs its intra-
// organization connector to the tenant, the Azure AD auth server and the Exchange Online partner
// application; Exchange Online needs its connector to on-premises, which must publish EWS at the
// target and trust the tenant's ACS auth server.

function enabled(object: ExchangeObject | undefined): boolean {
  return object?.Enabled === true;
}

function hostOf(url: unknown): string | undefined {
  return typeof url === "string" && URL.canParse(url) ? new URL(url).hostname.toLowerCase() : undefined;
}

function connectorTo(state: OrganizationState, domainPattern: RegExp): ExchangeObject | undefined {
  return objectsOf(state, "IntraOrganizationConnector").find(
    (connector) =>
      enabled(connector) &&
      (Array.isArray(connector.TargetAddressDomains) ? connector.TargetAddressDomains : []).some((domain) =>
        domainPattern.test(String(domain)),
      ),
  );
}

function partnerApplicationProblem(onPremises: OrganizationState): string | undefined {
  const application = objectsOf(onPremises, "PartnerApplication").find(
    (candidate) => candidate.ApplicationIdentifier === EXCHANGE_ONLINE_APPLICATION_ID,
  );
  return enabled(application)
    ? undefined
    : "The partner application 'Exchange Online' is disabled or missing, so Exchange doesn't accept its tokens.";
}

function onPremisesToCloud(context: CmdletContext): string | undefined {
  if (!connectorTo(context.state, /\.mail\.(onmicrosoft|partner\.onmschina)\./i)) {
    return "No enabled intra-organization connector targets the tenant's coexistence domain, so no OAuth token is requested for Exchange Online.";
  }
  const evoSts = objectsOf(context.state, "AuthServer").find((server) => server.Type === "AzureAD");
  if (!enabled(evoSts)) {
    return "No enabled auth server of type AzureAD: the token request to Azure Active Directory (ACS) failed.";
  }
  return partnerApplicationProblem(context.state);
}

async function cloudToOnPremises(context: CmdletContext, target: string): Promise<string | undefined> {
  const connector = objectsOf(context.state, "IntraOrganizationConnector").find(enabled);
  if (!connector) {
    return "No enabled intra-organization connector targets the on-premises domains, so Exchange Online doesn't request a token for them.";
  }
  const onPremises = await context.readPairedOnPremises();
  if (!onPremises) return undefined;
  const published = objectsOf(onPremises, "WebServicesVirtualDirectory").map((directory) =>
    hostOf(directory.ExternalUrl),
  );
  // The connector's discovery endpoint is where Exchange Online learns on-premises' OAuth settings (HCW8057).
  if (!published.includes(hostOf(connector.DiscoveryEndpoint))) {
    return `The autodiscover endpoint ${String(connector.DiscoveryEndpoint)} of the intra-organization connector '${String(connector.Name)}' couldn't be reached: nothing on-premises is published at that host.`;
  }
  const targetHost = hostOf(target);
  if (!targetHost || !published.includes(targetHost)) {
    return `The remote server returned an error: (404) Not Found. No Exchange Web Services are published at ${target}.`;
  }
  const tenantId = context.state.tenant?.tenantId?.toLowerCase();
  const acs = objectsOf(onPremises, "AuthServer").find(
    (server) => server.Type === "MicrosoftACS" && String(server.Realm).toLowerCase() === tenantId,
  );
  if (!enabled(acs)) {
    return "The remote server returned an error: (401) Unauthorized. On-premises Exchange has no enabled auth server for this tenant's ACS, so it rejects the token.";
  }
  return partnerApplicationProblem(onPremises);
}

export const oauthConnectivityCmdlets = defineCmdlets([
  {
    name: "Test-OAuthConnectivity",
    sides: BOTH_SIDES,
    parameters: {
      Service: oneOf("Microsoft.Exchange.Monitoring.ModServiceType", ["EWS", "AutoD", "Generic"], {
        required: true,
      }),
      TargetUri: { ...URI, required: true },
      Mailbox: STRING,
      AppOnly: SWITCH,
      ReloadConfig: SWITCH,
      OrganizationDomain: STRING,
    },
    async run(context) {
      const target = String(stringParameter(context, "TargetUri"));
      const problem =
        context.side === "OnPremises" ? onPremisesToCloud(context) : await cloudToOnPremises(context, target);
      return [
        {
          Task: "Checking EWS API Call Under Oauth",
          Detail: problem
            ? `Calling ${target} with an OAuth token failed. ${problem}`
            : `The OAuth call to ${target} succeeded.`,
          ResultType: problem ? "Error" : "Success",
          Identity: null,
          IsValid: true,
          ObjectState: "New",
        },
      ];
    },
  },
]);
