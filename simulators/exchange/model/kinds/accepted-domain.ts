import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import {
  directoryObject,
  invalidOperationError,
  type ObjectFactoryContext,
  objectsOf,
} from "../directory-objects";
import {
  booleanParameter,
  getCmdlet,
  newCmdlet,
  removeCmdlet,
  setCmdlet,
  stringParameter,
} from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { BOOLEAN, BOTH_SIDES, ON_PREMISES, oneOf, REQUIRED_STRING, STRING, SWITCH } from "../parameter-types";
import { requireDomainNames } from "../references";

const DOMAIN_TYPES = ["Authoritative", "ExternalRelay", "InternalRelay"] as const;

export interface AcceptedDomainShape {
  domainName: string;
  name?: string;
  domainType?: string;
  isDefault?: boolean;
  initialDomain?: boolean;
  coexistenceDomain?: boolean;
}

export function acceptedDomainObject(
  context: ObjectFactoryContext,
  shape: AcceptedDomainShape,
): ExchangeObject {
  const name = shape.name ?? shape.domainName;
  const object: ExchangeObject = {
    ...directoryObject(context, {
      name,
      container: "CN=Accepted Domains,CN=Transport Settings",
      schema: "ms-Exch-Accepted-Domain",
      objectClass: ["top", "msExchAcceptedDomain"],
      exchangeVersion: "0.20 (15.0.0.0)",
    }),
    AddressBookEnabled: true,
    Default: shape.isDefault ?? false,
    DomainName: shape.domainName,
    DomainType: shape.domainType ?? "Authoritative",
    EmailOnly: false,
    ExternallyManaged: false,
    InitialDomain: shape.initialDomain ?? false,
    IsCoexistenceDomain: shape.coexistenceDomain ?? false,
    IsDefaultFederatedDomain: false,
    MatchSubDomains: false,
    OutboundOnly: false,
    PendingCompletion: false,
    PendingFederatedAccountNamespace: false,
    PendingFederatedDomain: false,
    PendingRemoval: false,
  };
  if (context.state.side === "Online") {
    object.AuthenticationType = "Managed";
    object.FederatedOrganizationLink = null;
    object.SendingFromDomainDisabled = false;
  }
  return object;
}

function validateNewDomain(context: CmdletContext): void {
  const domainName = String(context.parameters.DomainName);
  requireDomainNames(context, "DomainName", [domainName]);
  const existing = objectsOf(context.state, "AcceptedDomain").find(
    (domain) => String(domain.DomainName).toLowerCase() === domainName.toLowerCase(),
  );
  if (existing) {
    throw invalidOperationError(
      context,
      `The domain name '${domainName}' is already used by the accepted domain '${String(existing.Name)}'.`,
    );
  }
}

/** -MakeDefault moves the default flag: exactly one accepted domain is the default. */
function makeDefault(context: CmdletContext, object: ExchangeObject): void {
  if (context.parameters.MakeDefault !== true) return;
  for (const domain of objectsOf(context.state, "AcceptedDomain")) domain.Default = domain === object;
}

export const acceptedDomainCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-AcceptedDomain", kind: "AcceptedDomain", sides: BOTH_SIDES }),
  newCmdlet({
    name: "New-AcceptedDomain",
    kind: "AcceptedDomain",
    sides: ON_PREMISES,
    parameters: {
      Name: REQUIRED_STRING,
      DomainName: REQUIRED_STRING,
      DomainType: oneOf(
        "Microsoft.Exchange.Data.Directory.SystemConfiguration.AcceptedDomainType",
        DOMAIN_TYPES,
      ),
      AddressBookEnabled: BOOLEAN,
    },
    validate: validateNewDomain,
    create: (context) => ({
      ...acceptedDomainObject(context, {
        name: String(context.parameters.Name),
        domainName: String(context.parameters.DomainName),
        domainType: stringParameter(context, "DomainType") ?? undefined,
      }),
      AddressBookEnabled: booleanParameter(context, "AddressBookEnabled", true),
    }),
  }),
  setCmdlet({
    name: "Set-AcceptedDomain",
    kind: "AcceptedDomain",
    sides: BOTH_SIDES,
    parameters: {
      DomainType: oneOf(
        "Microsoft.Exchange.Data.Directory.SystemConfiguration.AcceptedDomainType",
        DOMAIN_TYPES,
      ),
      MakeDefault: SWITCH,
      AddressBookEnabled: BOOLEAN,
      Name: STRING,
    },
    skip: ["MakeDefault"],
    validate: makeDefault,
  }),
  removeCmdlet({ name: "Remove-AcceptedDomain", kind: "AcceptedDomain", sides: ON_PREMISES }),
]);
