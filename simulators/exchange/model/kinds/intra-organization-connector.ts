import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { directoryObject, invalidValueError, objectsOf } from "../directory-objects";
import {
  booleanParameter,
  getCmdlet,
  listParameter,
  newCmdlet,
  removeCmdlet,
  setCmdlet,
} from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import {
  BOOLEAN,
  BOTH_SIDES,
  multi,
  ONLINE,
  onlyOn,
  REQUIRED_STRING,
  required,
  STRING,
  URI,
} from "../parameter-types";
import { requireDomainNames } from "../references";

const KIND = "IntraOrganizationConnector";

const SETTINGS = {
  DiscoveryEndpoint: URI,
  TargetAddressDomains: multi("Microsoft.Exchange.Data.SmtpDomain"),
  Enabled: BOOLEAN,
  TargetSharingEpr: onlyOn(ONLINE, URI),
};

/** Each target domain may be served by one intra-organization connector only. */
function validateTargets(context: CmdletContext, self?: ExchangeObject): void {
  if (!Array.isArray(context.parameters.TargetAddressDomains)) return;
  const domains = listParameter(context, "TargetAddressDomains");
  requireDomainNames(context, "TargetAddressDomains", domains);
  for (const other of objectsOf(context.state, KIND)) {
    if (other === self) continue;
    const taken = (Array.isArray(other.TargetAddressDomains) ? other.TargetAddressDomains : []).map(
      (domain) => String(domain).toLowerCase(),
    );
    const clash = domains.find((domain) => taken.includes(domain.toLowerCase()));
    if (clash) {
      throw invalidValueError(
        context,
        `The domain '${clash}' is already a target address domain of the intra-organization connector '${String(other.Name)}'.`,
      );
    }
  }
}

export const intraOrganizationConnectorCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-IntraOrganizationConnector", kind: KIND, sides: BOTH_SIDES }),
  newCmdlet({
    name: "New-IntraOrganizationConnector",
    kind: KIND,
    sides: BOTH_SIDES,
    parameters: {
      ...SETTINGS,
      Name: REQUIRED_STRING,
      DiscoveryEndpoint: required(URI),
      TargetAddressDomains: multi("Microsoft.Exchange.Data.SmtpDomain", { required: true }),
    },
    validate: (context) => validateTargets(context),
    create(context) {
      const object: ExchangeObject = {
        ...directoryObject(context, {
          name: String(context.parameters.Name),
          container: "CN=Intra Organization Connectors",
          schema: "ms-Exch-Intra-Organization-Connector",
          objectClass: ["top", "msExchIntraOrganizationConnector"],
          exchangeVersion: "0.20 (15.0.0.0)",
        }),
        DiscoveryEndpoint: String(context.parameters.DiscoveryEndpoint),
        Enabled: booleanParameter(context, "Enabled", true),
        TargetAddressDomains: listParameter(context, "TargetAddressDomains"),
      };
      if (context.side === "Online") object.TargetSharingEpr = context.parameters.TargetSharingEpr ?? null;
      return object;
    },
  }),
  setCmdlet({
    name: "Set-IntraOrganizationConnector",
    kind: KIND,
    sides: BOTH_SIDES,
    parameters: { ...SETTINGS, Name: STRING },
    validate: validateTargets,
  }),
  removeCmdlet({ name: "Remove-IntraOrganizationConnector", kind: KIND, sides: BOTH_SIDES }),
]);
