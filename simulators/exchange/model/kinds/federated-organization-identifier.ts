import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import {
  directoryObject,
  invalidOperationError,
  notFoundError,
  type ObjectFactoryContext,
  objectsOf,
  touch,
} from "../directory-objects";
import { getCmdlet, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import {
  BOOLEAN,
  BOTH_SIDES,
  ON_PREMISES,
  onlyOn,
  REQUIRED_STRING,
  STRING,
  SWITCH,
} from "../parameter-types";
import { requireAcceptedDomains } from "../references";

const KIND = "FederatedOrganizationIdentifier";
/** Exchange prefixes the federated account namespace with this fixed label. */
const NAMESPACE_PREFIX = "FYDIBOHF25SPDLT.";

export function federatedOrganizationIdentifierObject(context: ObjectFactoryContext): ExchangeObject {
  return {
    ...directoryObject(context, {
      name: "Federation",
      container: "",
      schema: "ms-Exch-Fed-OrgId",
      objectClass: ["top", "msExchFedOrgId"],
      exchangeVersion: "0.10 (14.0.100.0)",
    }),
    AccountNamespace: null,
    DefaultDomain: null,
    DelegationTrustLink: null,
    Domains: [],
    Enabled: false,
    OrganizationContact: "",
  };
}

function accountDomain(object: ExchangeObject): string | undefined {
  return typeof object.AccountNamespace === "string"
    ? object.AccountNamespace.slice(NAMESPACE_PREFIX.length)
    : undefined;
}

function validateIdentifier(context: CmdletContext, identifier: ExchangeObject): void {
  const { AccountNamespace, DelegationFederationTrust, DefaultDomain, Enabled } = context.parameters;
  if (typeof AccountNamespace === "string")
    requireAcceptedDomains(context, "AccountNamespace", [AccountNamespace]);
  if (typeof DefaultDomain === "string") requireAcceptedDomains(context, "DefaultDomain", [DefaultDomain]);
  const trusts = objectsOf(context.state, "FederationTrust");
  if (typeof DelegationFederationTrust === "string") {
    const trust = trusts.find(
      (candidate) => String(candidate.Name).toLowerCase() === DelegationFederationTrust.toLowerCase(),
    );
    if (!trust) throw notFoundError(context, DelegationFederationTrust);
  }
  const willHaveTrust =
    typeof DelegationFederationTrust === "string" || identifier.DelegationTrustLink !== null;
  if (context.side === "OnPremises" && Enabled === true && !willHaveTrust) {
    throw invalidOperationError(
      context,
      "Federation can't be enabled: no delegation federation trust is set. Specify -DelegationFederationTrust.",
    );
  }
  // Clearing the namespace takes its domain out of federation with it: federation is off again.
  if (
    context.side === "OnPremises" &&
    "AccountNamespace" in context.parameters &&
    AccountNamespace === null
  ) {
    const previous = accountDomain(identifier)?.toLowerCase();
    const domains = Array.isArray(identifier.Domains) ? identifier.Domains.map(String) : [];
    identifier.Domains = domains.filter((domain) => domain.toLowerCase() !== previous);
  }
  // Exchange stores what it was given in its own shape: the prefixed namespace and the trust's name.
  if (typeof AccountNamespace === "string") {
    context.parameters.AccountNamespace = `${NAMESPACE_PREFIX}${AccountNamespace}`;
    const domains = Array.isArray(identifier.Domains) ? identifier.Domains.map(String) : [];
    if (!domains.some((domain) => domain.toLowerCase() === AccountNamespace.toLowerCase())) {
      identifier.Domains = [AccountNamespace, ...domains];
    }
  }
}

export const federatedOrganizationIdentifierCmdlets = defineCmdlets([
  getCmdlet({
    name: "Get-FederatedOrganizationIdentifier",
    kind: KIND,
    sides: BOTH_SIDES,
    parameters: { IncludeExtendedDomainInfo: SWITCH },
  }),
  setCmdlet({
    name: "Set-FederatedOrganizationIdentifier",
    kind: KIND,
    sides: BOTH_SIDES,
    singleton: true,
    parameters: {
      Identity: STRING,
      AccountNamespace: onlyOn(ON_PREMISES, STRING),
      DelegationFederationTrust: onlyOn(ON_PREMISES, STRING),
      DefaultDomain: STRING,
      Enabled: BOOLEAN,
      OrganizationContact: STRING,
    },
    rename: { DelegationFederationTrust: "DelegationTrustLink" },
    validate: validateIdentifier,
  }),
  {
    name: "Add-FederatedDomain",
    sides: ON_PREMISES,
    parameters: { DomainName: REQUIRED_STRING, Force: SWITCH },
    run(context) {
      const identifier = objectsOf(context.state, KIND)[0];
      if (identifier?.Enabled !== true || !accountDomain(identifier)) {
        throw invalidOperationError(
          context,
          "Federation isn't enabled. Run Set-FederatedOrganizationIdentifier first.",
        );
      }
      const domain = String(context.parameters.DomainName);
      requireAcceptedDomains(context, "DomainName", [domain]);
      const domains = Array.isArray(identifier.Domains) ? identifier.Domains.map(String) : [];
      if (!domains.some((existing) => existing.toLowerCase() === domain.toLowerCase())) {
        identifier.Domains = [...domains, domain];
        touch(context, identifier);
      }
      return [];
    },
  },
  {
    name: "Remove-FederatedDomain",
    sides: ON_PREMISES,
    parameters: { DomainName: REQUIRED_STRING, Force: SWITCH },
    run(context) {
      const identifier = objectsOf(context.state, KIND)[0];
      const domain = String(context.parameters.DomainName);
      const domains = Array.isArray(identifier?.Domains) ? identifier.Domains.map(String) : [];
      if (!identifier || !domains.some((existing) => existing.toLowerCase() === domain.toLowerCase())) {
        throw notFoundError(context, domain);
      }
      if (accountDomain(identifier)?.toLowerCase() === domain.toLowerCase()) {
        throw invalidOperationError(
          context,
          `'${domain}' is the account namespace of the federated organization identifier. Clear it with Set-FederatedOrganizationIdentifier -AccountNamespace $null instead.`,
        );
      }
      identifier.Domains = domains.filter((existing) => existing.toLowerCase() !== domain.toLowerCase());
      touch(context, identifier);
      return [];
    },
  },
]);
