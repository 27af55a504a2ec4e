import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { directoryObject, invalidValueError, type ObjectFactoryContext } from "../directory-objects";
import { getCmdlet, listParameter, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { BOOLEAN, multi, ON_PREMISES, oneOf, STRING } from "../parameter-types";
import { requireTlsCertificate } from "../references";

const CAPABILITIES = [
  "None",
  "AcceptOorgProtocol",
  "AcceptOorgHeader",
  "AcceptXAttributionHeader",
  "AcceptXOriginatorOrganizationHeader",
  "AcceptCloudServicesMail",
  "AcceptCrossForestMail",
  "AcceptXSysProbeProtocol",
];

export interface ReceiveConnectorShape {
  server: string;
  serverFqdn: string;
  name: string;
  bindings: string[];
  remoteIPRanges: string[];
  transportRole: "HubTransport" | "FrontendTransport";
  permissionGroups: string;
  authMechanism: string;
}

export function receiveConnectorObject(
  context: ObjectFactoryContext,
  shape: ReceiveConnectorShape,
): ExchangeObject {
  return {
    ...directoryObject(context, {
      name: shape.name,
      identity: `${shape.server}\\${shape.name}`,
      container: `CN=SMTP Receive Connectors,CN=Protocols,CN=${shape.server},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups`,
      schema: "ms-Exch-Smtp-Receive-Connector",
      objectClass: ["top", "msExchSmtpReceiveConnector"],
      exchangeVersion: "0.1 (8.0.535.0)",
    }),
    AuthMechanism: shape.authMechanism,
    Banner: "",
    Bindings: shape.bindings,
    Comment: "",
    DomainSecureEnabled: false,
    Enabled: true,
    Fqdn: shape.serverFqdn,
    MaxMessageSize: "36 MB (37,748,736 bytes)",
    PermissionGroups: shape.permissionGroups,
    RemoteIPRanges: shape.remoteIPRanges,
    RequireTLS: false,
    Server: shape.server,
    TlsCertificateName: null,
    TlsDomainCapabilities: [],
    TransportRole: shape.transportRole,
  };
}

function validateReceiveConnector(context: CmdletContext, connector: ExchangeObject): void {
  const name = context.parameters.TlsCertificateName;
  if (typeof name === "string") requireTlsCertificate(context, name, [String(connector.Server)]);
  const capabilities = context.parameters.TlsDomainCapabilities;
  const entries = Array.isArray(capabilities) ? listParameter(context, "TlsDomainCapabilities") : [];
  for (const entry of entries) {
    const [domain, list] = entry.split(":");
    const unknown = (list ?? "")
      .split(/[,;]/)
      .find((capability) => !CAPABILITIES.includes(capability.trim()));
    if (!domain || !list || unknown !== undefined) {
      throw invalidValueError(
        context,
        `The value '${entry}' of TlsDomainCapabilities isn't valid. Use 'domain:capability', with capabilities from: ${CAPABILITIES.join(", ")}.`,
      );
    }
  }
}

export const receiveConnectorCmdlets = defineCmdlets([
  getCmdlet({
    name: "Get-ReceiveConnector",
    kind: "ReceiveConnector",
    sides: ON_PREMISES,
    parameters: { Server: STRING },
    select(context, connectors) {
      const server = context.parameters.Server;
      if (typeof server !== "string") return connectors;
      return connectors.filter(
        (connector) => String(connector.Server).toLowerCase() === server.toLowerCase(),
      );
    },
  }),
  setCmdlet({
    name: "Set-ReceiveConnector",
    kind: "ReceiveConnector",
    sides: ON_PREMISES,
    parameters: {
      TlsCertificateName: STRING,
      TlsDomainCapabilities: multi("Microsoft.Exchange.Data.SmtpReceiveDomainCapabilities"),
      RemoteIPRanges: multi("Microsoft.Exchange.Data.IPRange"),
      Bindings: multi("Microsoft.Exchange.Data.IPBinding"),
      Enabled: BOOLEAN,
      RequireTLS: BOOLEAN,
      DomainSecureEnabled: BOOLEAN,
      AuthMechanism: STRING,
      PermissionGroups: STRING,
      Fqdn: STRING,
      Banner: STRING,
      Comment: STRING,
      TransportRole: oneOf("Microsoft.Exchange.Data.ServerRole", ["HubTransport", "FrontendTransport"]),
      Name: STRING,
    },
    validate: validateReceiveConnector,
  }),
]);
