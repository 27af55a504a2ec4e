import { buildOf, productOf } from "./exchange-builds";
import { type GatheredState, hybridApplicationName } from "./gathered-state";

// EWS retirement in Exchange Online, as gathered facts for the Gathering page and the health check:
// a tenant whose EWSEnabled is unset is switched off from about 1 October 2026; with it on, only the
// apps in EwsAllowedAppIDs are served; on 1 April 2027 EWS in Exchange Online ends for everyone.
// Hybrid lookups from on-premises use EWS unless every server is Exchange SE routed through Microsoft
// Graph (the May 2026 SE hotfix and the RouteThroughMSGraph setting override).

export const UNSET_EWS_DISABLED_FROM = new Date("2026-10-01T00:00:00Z");
export const EWS_ENDS = new Date("2027-04-01T00:00:00Z");

export interface EwsReadiness {
  /** Get-OrganizationConfig's EWSEnabled: null while unset. */
  ewsEnabled: boolean | null;
  /** Whether Exchange Online serves EWS to hybrid now: unset counts as off once its date has passed. */
  ewsServedNow: boolean;
  allowedAppIds: string[];
  /** The dedicated hybrid application's id is in EwsAllowedAppIDs (undefined: the app is not there yet). */
  dedicatedAppAllowed?: boolean;
  /** On-premises is switched to the dedicated hybrid application (dedicatedAppOnPremises). */
  dedicatedAppOnPremises: boolean;
  /** Servers whose hybrid lookups still go through EWS. */
  serversOnEws: string[];
  /** What an admin should read, with the dates that apply. */
  messages: string[];
}

const DAY = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" } as const;
const spelled = (date: Date) => date.toLocaleDateString("en-GB", DAY);

/** A setting override of the section says Enabled=true (Exchange acts on it once refreshed). */
function overrideEnabled(state: GatheredState, section: string): boolean {
  return state.onPremises.settingOverrides.some(
    (override) =>
      override.SectionName?.toLowerCase() === section.toLowerCase() &&
      override.Parameters.some((parameter) => parameter.replace(/\s/g, "").toLowerCase() === "enabled=true"),
  );
}

/**
 * On-premises uses the dedicated hybrid application: the EvoSts auth server carries its id and the
 * override switches Exchange to it. Read on-premises alone (a health check does not read Graph).
 */
function dedicatedAppOnPremises(state: GatheredState): boolean {
  const evoSts = state.onPremises.authServers.some(
    (server) => server.Name.toLowerCase().startsWith("evosts") && !!server.ApplicationIdentifier,
  );
  return evoSts && overrideEnabled(state, "ExchangeOnpremAsThirdPartyAppId");
}

export function ewsReadiness(state: GatheredState, now: Date): EwsReadiness {
  const config = state.online.organizationConfig;
  const ewsEnabled = config.EWSEnabled;
  const ewsServedNow = ewsEnabled ?? now < UNSET_EWS_DISABLED_FROM;
  const allowedAppIds = config.EwsAllowedAppIDs;
  const graphRoute = overrideEnabled(state, "RouteThroughMSGraph");
  const serversOnEws = state.onPremises.exchangeServers
    .filter((server) => !server.IsEdgeServer)
    .filter((server) => {
      const { build } = buildOf(server);
      return !graphRoute || !build || productOf(build) !== "Exchange Server SE";
    })
    .map((server) => server.Name);
  const app = state.graph?.application;
  const expected = hybridApplicationName(state.onPremises.organizationConfig.Guid);
  const dedicatedAppAllowed =
    app && app.displayName === expected
      ? allowedAppIds.some((id) => id.toLowerCase() === app.appId.toLowerCase())
      : undefined;

  const messages: string[] = [];
  if (ewsEnabled === null) {
    messages.push(
      now < UNSET_EWS_DISABLED_FROM
        ? `EWSEnabled is unset in Exchange Online: it becomes disabled from about ${spelled(UNSET_EWS_DISABLED_FROM)}. Set it (Set-OrganizationConfig -EWSEnabled) before then if hybrid still needs EWS.`
        : `EWSEnabled is unset in Exchange Online, which since about ${spelled(UNSET_EWS_DISABLED_FROM)} means disabled.`,
    );
  } else if (!ewsEnabled) {
    messages.push("EWS is disabled in Exchange Online (EWSEnabled False).");
  } else if (dedicatedAppAllowed === false) {
    messages.push(
      `EWS is enabled, but the dedicated hybrid application's id is not in EwsAllowedAppIDs (${allowedAppIds.length} id${allowedAppIds.length === 1 ? "" : "s"} there): choose to allow it, and the plan adds it keeping the others.`,
    );
  }
  if (serversOnEws.length > 0) {
    messages.push(
      `Hybrid free/busy, MailTips and photos from ${serversOnEws.join(", ")} use EWS in Exchange Online${ewsServedNow ? "" : ", which does not serve them now"}. EWS there ends on ${spelled(EWS_ENDS)}: only Exchange Server SE with the May 2026 hotfix can use Microsoft Graph instead; Exchange 2016 and 2019 lose these features then.`,
    );
  }
  return {
    ewsEnabled,
    ewsServedNow,
    allowedAppIds,
    ...(dedicatedAppAllowed === undefined ? {} : { dedicatedAppAllowed }),
    dedicatedAppOnPremises: dedicatedAppOnPremises(state),
    serversOnEws,
    messages,
  };
}
