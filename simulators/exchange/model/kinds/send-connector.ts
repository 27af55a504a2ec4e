import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { directoryObject, invalidValueError } from "../directory-objects";
import {
  booleanParameter,
  getCmdlet,
  listParameter,
  newCmdlet,
  removeCmdlet,
  setCmdlet,
} from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { BOOLEAN, INT, multi, ON_PREMISES, oneOf, REQUIRED_STRING, STRING } from "../parameter-types";
import { normalizeAddressSpaces, requireServers, requireTlsCertificate } from "../references";

const TLS_AUTH_LEVELS = ["EncryptionOnly", "CertificateValidation", "DomainValidation"];

const SETTINGS = {
  AddressSpaces: multi("Microsoft.Exchange.Data.AddressSpace"),
  DNSRoutingEnabled: BOOLEAN,
  SmartHosts: multi("Microsoft.Exchange.Data.SmartHost"),
  Fqdn: STRING,
  RequireTLS: BOOLEAN,
  TlsAuthLevel: oneOf("Microsoft.Exchange.Data.TlsAuthLevel", TLS_AUTH_LEVELS),
  TlsDomain: STRING,
  TlsCertificateName: STRING,
  CloudServicesMailEnabled: BOOLEAN,
  SourceTransportServers: multi("Microsoft.Exchange.Data.Directory.ADObjectId"),
  Enabled: BOOLEAN,
  Comment: STRING,
  Port: INT,
  MaxMessageSize: STRING,
};

/** The rules Exchange enforces between a send connector's settings, checked on the merged result. */
function validateSendConnector(context: CmdletContext, merged: ExchangeObject): void {
  const servers = Array.isArray(merged.SourceTransportServers)
    ? merged.SourceTransportServers.map(String)
    : [];
  if (servers.length === 0) {
    throw invalidValueError(context, "A send connector needs at least one source transport server.");
  }
  merged.SourceTransportServers = requireServers(context, servers);
  if (merged.TlsAuthLevel === "DomainValidation" && !merged.TlsDomain) {
    throw invalidValueError(context, "When TlsAuthLevel is DomainValidation, TlsDomain must be specified.");
  }
  const smartHosts = Array.isArray(merged.SmartHosts) ? merged.SmartHosts : [];
  if (merged.DNSRoutingEnabled === false && smartHosts.length === 0) {
    throw invalidValueError(
      context,
      "Smart hosts must be specified when DNS routing is disabled (DNSRoutingEnabled is $false).",
    );
  }
  if (typeof merged.TlsCertificateName === "string")
    requireTlsCertificate(context, merged.TlsCertificateName, servers);
}

function sendConnectorFromParameters(context: CmdletContext): ExchangeObject {
  const name = String(context.parameters.Name);
  const smartHosts = listParameter(context, "SmartHosts");
  return {
    ...directoryObject(context, {
      name,
      container:
        "CN=Connections,CN=Exchange Routing Group (DWBGZMFD01QNBJR),CN=Routing Groups,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups",
      schema: "ms-Exch-Routing-SMTP-Connector",
      objectClass: ["top", "msExchConnector", "mailGateway", "msExchRoutingSMTPConnector"],
      exchangeVersion: "0.1 (8.0.535.0)",
    }),
    AddressSpaces: normalizeAddressSpaces(listParameter(context, "AddressSpaces")),
    CloudServicesMailEnabled: booleanParameter(context, "CloudServicesMailEnabled", false),
    Comment: context.parameters.Comment ?? "",
    ConnectorType: "Default",
    DNSRoutingEnabled: booleanParameter(context, "DNSRoutingEnabled", smartHosts.length === 0),
    Enabled: booleanParameter(context, "Enabled", true),
    Fqdn: context.parameters.Fqdn ?? null,
    IsScopedConnector: false,
    IsSmtpConnector: true,
    MaxMessageSize: context.parameters.MaxMessageSize ?? "35 MB (36,700,160 bytes)",
    Port: context.parameters.Port ?? 25,
    RequireTLS: booleanParameter(context, "RequireTLS", false),
    SmartHosts: smartHosts,
    SmartHostsString: smartHosts.join(","),
    SourceTransportServers: listParameter(context, "SourceTransportServers"),
    TlsAuthLevel: context.parameters.TlsAuthLevel ?? null,
    TlsCertificateName: context.parameters.TlsCertificateName ?? null,
    TlsDomain: context.parameters.TlsDomain ?? null,
  };
}

export const sendConnectorCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-SendConnector", kind: "SendConnector", sides: ON_PREMISES }),
  newCmdlet({
    name: "New-SendConnector",
    kind: "SendConnector",
    sides: ON_PREMISES,
    parameters: {
      ...SETTINGS,
      Name: REQUIRED_STRING,
      AddressSpaces: multi("Microsoft.Exchange.Data.AddressSpace", { required: true }),
      Usage: oneOf("Microsoft.Exchange.Management.SystemConfigurationTasks.NewSendConnector+UsageType", [
        "Custom",
        "Internal",
        "Internet",
        "Partner",
      ]),
    },
    create(context) {
      const connector = sendConnectorFromParameters(context);
      validateSendConnector(context, connector);
      return connector;
    },
  }),
  setCmdlet({
    name: "Set-SendConnector",
    kind: "SendConnector",
    sides: ON_PREMISES,
    parameters: { ...SETTINGS, Name: STRING },
    validate(context, connector) {
      const merged = { ...connector, ...context.parameters };
      validateSendConnector(context, merged);
      if ("SourceTransportServers" in context.parameters) {
        context.parameters.SourceTransportServers = merged.SourceTransportServers ?? [];
      }
      if ("AddressSpaces" in context.parameters) {
        context.parameters.AddressSpaces = normalizeAddressSpaces(listParameter(context, "AddressSpaces"));
      }
    },
    derive(_context, connector) {
      const smartHosts = Array.isArray(connector.SmartHosts) ? connector.SmartHosts : [];
      connector.SmartHostsString = smartHosts.join(",");
    },
  }),
  removeCmdlet({ name: "Remove-SendConnector", kind: "SendConnector", sides: ON_PREMISES }),
]);
