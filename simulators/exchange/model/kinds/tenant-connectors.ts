import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { directoryObject, invalidValueError } from "../directory-objects";
import { getCmdlet, listParameter, newCmdlet, removeCmdlet, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { BOOLEAN, multi, ONLINE, oneOf, REQUIRED_STRING, STRING } from "../parameter-types";
import { normalizeAddressSpaces } from "../references";

const CONNECTOR_TYPE = oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.TenantConnectorType", [
  "OnPremises",
  "Partner",
]);
const CONNECTOR_SOURCE = oneOf(
  "Microsoft.Exchange.Data.Directory.SystemConfiguration.TenantConnectorSource",
  ["Default", "Migrated", "HybridWizard", "AdminUI"],
);

const INBOUND_SETTINGS = {
  ConnectorType: CONNECTOR_TYPE,
  ConnectorSource: CONNECTOR_SOURCE,
  CloudServicesMailEnabled: BOOLEAN,
  RequireTls: BOOLEAN,
  SenderDomains: multi("Microsoft.Exchange.Data.AddressSpace"),
  SenderIPAddresses: multi("Microsoft.Exchange.Data.IPRange"),
  TlsSenderCertificateName: STRING,
  RestrictDomainsToCertificate: BOOLEAN,
  RestrictDomainsToIPAddresses: BOOLEAN,
  TreatMessagesAsInternal: BOOLEAN,
  AssociatedAcceptedDomains: multi("Microsoft.Exchange.Data.Directory.ADObjectId"),
  Enabled: BOOLEAN,
  Comment: STRING,
};

const OUTBOUND_SETTINGS = {
  ConnectorType: CONNECTOR_TYPE,
  ConnectorSource: CONNECTOR_SOURCE,
  RecipientDomains: multi("Microsoft.Exchange.Data.SmtpDomainWithSubdomains"),
  SmartHosts: multi("Microsoft.Exchange.Data.SmartHost"),
  TlsSettings: oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.TlsAuthLevel", [
    "EncryptionOnly",
    "CertificateValidation",
    "DomainValidation",
  ]),
  TlsDomain: STRING,
  CloudServicesMailEnabled: BOOLEAN,
  RouteAllMessagesViaOnPremises: BOOLEAN,
  UseMXRecord: BOOLEAN,
  AllAcceptedDomains: BOOLEAN,
  IsTransportRuleScoped: BOOLEAN,
  SenderRewritingEnabled: BOOLEAN,
  TestMode: BOOLEAN,
  Enabled: BOOLEAN,
  Comment: STRING,
};

function connectorBase(context: CmdletContext, schema: string, objectClass: string): ExchangeObject {
  return {
    ...directoryObject(context, {
      name: String(context.parameters.Name),
      container: "CN=Transport Settings",
      schema,
      objectClass: ["top", objectClass],
      exchangeVersion: "0.1 (8.0.535.0)",
    }),
    Comment: "",
    ConnectorSource: "Default",
    ConnectorType: "Partner",
    CloudServicesMailEnabled: false,
    Enabled: true,
  };
}

/** Copies given parameters over defaults; parameter names are the property names. */
function withParameters(context: CmdletContext, object: ExchangeObject): ExchangeObject {
  for (const [parameter, value] of Object.entries(context.parameters)) {
    if (parameter !== "Name") object[parameter] = value;
  }
  return object;
}

/** Exchange Online's own rules: an on-premises inbound connector must say how to recognise on-premises mail. */
function validateInbound(context: CmdletContext, merged: ExchangeObject): void {
  const certificate = merged.TlsSenderCertificateName;
  const addresses = Array.isArray(merged.SenderIPAddresses) ? merged.SenderIPAddresses : [];
  if (merged.ConnectorType === "OnPremises" && !certificate && addresses.length === 0) {
    throw invalidValueError(
      context,
      "An inbound connector of type OnPremises needs either TlsSenderCertificateName or SenderIPAddresses, so Exchange Online can identify mail from your organization.",
    );
  }
  if (merged.RestrictDomainsToCertificate === true && !certificate) {
    throw invalidValueError(context, "RestrictDomainsToCertificate requires TlsSenderCertificateName.");
  }
}

function validateOutbound(context: CmdletContext, merged: ExchangeObject): void {
  const smartHosts = Array.isArray(merged.SmartHosts) ? merged.SmartHosts : [];
  if (merged.UseMXRecord === false && smartHosts.length === 0) {
    throw invalidValueError(context, "SmartHosts must be specified when UseMXRecord is $false.");
  }
  if (merged.TlsSettings === "DomainValidation" && !merged.TlsDomain) {
    throw invalidValueError(context, "TlsDomain must be specified when TlsSettings is DomainValidation.");
  }
  if (merged.RouteAllMessagesViaOnPremises === true && merged.ConnectorType !== "OnPremises") {
    throw invalidValueError(
      context,
      "RouteAllMessagesViaOnPremises can be $true only on a connector of type OnPremises.",
    );
  }
}

function normalizeSenderDomains(context: CmdletContext): void {
  if (Array.isArray(context.parameters.SenderDomains)) {
    context.parameters.SenderDomains = normalizeAddressSpaces(listParameter(context, "SenderDomains"));
  }
}

export const tenantConnectorCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-InboundConnector", kind: "InboundConnector", sides: ONLINE }),
  newCmdlet({
    name: "New-InboundConnector",
    kind: "InboundConnector",
    sides: ONLINE,
    parameters: {
      ...INBOUND_SETTINGS,
      Name: REQUIRED_STRING,
      SenderDomains: multi("Microsoft.Exchange.Data.AddressSpace", { required: true }),
    },
    create(context) {
      normalizeSenderDomains(context);
      const connector = withParameters(context, {
        ...connectorBase(context, "ms-Exch-SMTP-Inbound-Connector", "msExchSMTPInboundConnector"),
        AssociatedAcceptedDomains: [],
        RequireTls: false,
        RestrictDomainsToCertificate: false,
        RestrictDomainsToIPAddresses: false,
        SenderDomains: [],
        SenderIPAddresses: [],
        TlsSenderCertificateName: null,
        TreatMessagesAsInternal: false,
        TrustedOrganizations: [],
      });
      validateInbound(context, connector);
      return connector;
    },
  }),
  setCmdlet({
    name: "Set-InboundConnector",
    kind: "InboundConnector",
    sides: ONLINE,
    parameters: { ...INBOUND_SETTINGS, Name: STRING },
    validate(context, connector) {
      normalizeSenderDomains(context);
      validateInbound(context, { ...connector, ...context.parameters });
    },
  }),
  removeCmdlet({ name: "Remove-InboundConnector", kind: "InboundConnector", sides: ONLINE }),
  getCmdlet({ name: "Get-OutboundConnector", kind: "OutboundConnector", sides: ONLINE }),
  newCmdlet({
    name: "New-OutboundConnector",
    kind: "OutboundConnector",
    sides: ONLINE,
    parameters: { ...OUTBOUND_SETTINGS, Name: REQUIRED_STRING },
    create(context) {
      const connector = withParameters(context, {
        ...connectorBase(context, "ms-Exch-SMTP-Outbound-Connector", "msExchSMTPOutboundConnector"),
        AllAcceptedDomains: false,
        IsTransportRuleScoped: false,
        IsValidated: false,
        LastValidationTimestamp: null,
        RecipientDomains: [],
        RouteAllMessagesViaOnPremises: false,
        SenderRewritingEnabled: false,
        SmartHosts: [],
        TestMode: false,
        TlsDomain: null,
        TlsSettings: null,
        UseMXRecord: true,
        ValidationRecipients: null,
      });
      validateOutbound(context, connector);
      return connector;
    },
  }),
  setCmdlet({
    name: "Set-OutboundConnector",
    kind: "OutboundConnector",
    sides: ONLINE,
    parameters: { ...OUTBOUND_SETTINGS, Name: STRING },
    validate: (context, connector) => validateOutbound(context, { ...connector, ...context.parameters }),
  }),
  removeCmdlet({ name: "Remove-OutboundConnector", kind: "OutboundConnector", sides: ONLINE }),
]);
