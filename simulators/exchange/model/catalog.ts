import type { CmdletDefinition } from "./cmdlet-definition";
import { ExchangeError } from "./exchange-error";
import { acceptedDomainCmdlets } from "./kinds/accepted-domain";
import { authConfigCmdlets } from "./kinds/auth-config";
import { authServerCmdlets } from "./kinds/auth-server";
import { availabilityAddressSpaceCmdlets } from "./kinds/availability-address-space";
import { emailAddressPolicyCmdlets } from "./kinds/email-address-policy";
import { exchangeCertificateCmdlets } from "./kinds/exchange-certificate";
import { exchangeServerCmdlets } from "./kinds/exchange-server";
import { federatedDomainProofCmdlets } from "./kinds/federated-domain-proof";
import { federatedOrganizationIdentifierCmdlets } from "./kinds/federated-organization-identifier";
import { federationTrustCmdlets } from "./kinds/federation-trust";
import { hybridConfigurationCmdlets } from "./kinds/hybrid-configuration";
import { intraOrganizationConfigurationCmdlets } from "./kinds/intra-organization-configuration";
import { intraOrganizationConnectorCmdlets } from "./kinds/intra-organization-connector";
import { mailboxDatabaseCmdlets } from "./kinds/mailbox-database";
import { mailboxMoveCmdlets } from "./kinds/mailbox-moves";
import { migrationEndpointCmdlets } from "./kinds/migration-endpoint";
import { mobileDeviceMailboxPolicyCmdlets } from "./kinds/mobile-device-mailbox-policy";
import { oauthConnectivityCmdlets } from "./kinds/oauth-connectivity";
import { onPremisesOrganizationCmdlets } from "./kinds/on-premises-organization";
import { organizationConfigCmdlets } from "./kinds/organization-config";
import { organizationRelationshipCmdlets } from "./kinds/organization-relationship";
import { owaMailboxPolicyCmdlets } from "./kinds/owa-mailbox-policy";
import { partnerApplicationCmdlets } from "./kinds/partner-application";
import { receiveConnectorCmdlets } from "./kinds/receive-connector";
import { remoteDomainCmdlets } from "./kinds/remote-domain";
import { retentionPolicyCmdlets } from "./kinds/retention-policy";
import { sendConnectorCmdlets } from "./kinds/send-connector";
import { settingOverrideCmdlets } from "./kinds/setting-override";
import { tenantConnectorCmdlets } from "./kinds/tenant-connectors";
import { testFederationTrustCmdlets } from "./kinds/test-federation-trust";
import { testOrganizationRelationshipCmdlets } from "./kinds/test-organization-relationship";
import { virtualDirectoryCmdlets } from "./kinds/virtual-directories";
import type { Side } from "./organization-state";

/** Every cmdlet the simulators answer, with the sides it exists on and its parameters. */
export const CMDLET_CATALOG: readonly CmdletDefinition[] = [
  ...exchangeServerCmdlets,
  ...mailboxDatabaseCmdlets,
  ...organizationConfigCmdlets,
  ...acceptedDomainCmdlets,
  ...remoteDomainCmdlets,
  ...emailAddressPolicyCmdlets,
  ...exchangeCertificateCmdlets,
  ...receiveConnectorCmdlets,
  ...sendConnectorCmdlets,
  ...hybridConfigurationCmdlets,
  ...organizationRelationshipCmdlets,
  ...availabilityAddressSpaceCmdlets,
  ...intraOrganizationConnectorCmdlets,
  ...intraOrganizationConfigurationCmdlets,
  ...authServerCmdlets,
  ...partnerApplicationCmdlets,
  ...authConfigCmdlets,
  ...virtualDirectoryCmdlets,
  ...federationTrustCmdlets,
  ...federatedOrganizationIdentifierCmdlets,
  ...federatedDomainProofCmdlets,
  ...tenantConnectorCmdlets,
  ...onPremisesOrganizationCmdlets,
  ...migrationEndpointCmdlets,
  ...owaMailboxPolicyCmdlets,
  ...mobileDeviceMailboxPolicyCmdlets,
  ...retentionPolicyCmdlets,
  ...settingOverrideCmdlets,
  ...mailboxMoveCmdlets,
  ...oauthConnectivityCmdlets,
  ...testFederationTrustCmdlets,
  ...testOrganizationRelationshipCmdlets,
];

const BY_NAME = new Map(CMDLET_CATALOG.map((definition) => [definition.name.toLowerCase(), definition]));

/** Finds a cmdlet as PowerShell resolves command names: case-insensitively, and only where it exists. */
export function findCmdlet(name: string, side: Side): CmdletDefinition {
  const definition = BY_NAME.get(name.toLowerCase());
  if (!definition?.sides.includes(side)) {
    throw new ExchangeError({
      cmdlet: name,
      category: "ObjectNotFound",
      exceptionType: "System.Management.Automation.CommandNotFoundException",
      bindingErrorId: "CommandNotFoundException",
      message: `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
    });
  }
  return definition;
}

/** Get- and Test- cmdlets never change state; the rest may. */
export function isReadOnlyName(cmdletName: string): boolean {
  return /^(Get|Test)-/i.test(cmdletName);
}

export function isReadOnly(definition: CmdletDefinition): boolean {
  return isReadOnlyName(definition.name);
}
