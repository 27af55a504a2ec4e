import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { directoryObject, insertObject, notFoundError, objectsOf, removeObject } from "../directory-objects";
import { getCmdlet, listParameter, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { multi, ON_PREMISES, STRING } from "../parameter-types";
import { requireAcceptedDomains, requireServers, requireTlsCertificate } from "../references";

const KIND = "HybridConfiguration";
const FEATURES = [
  "FreeBusy",
  "MoveMailbox",
  "Mailtips",
  "MessageTracking",
  "OwaRedirection",
  "OnlineArchive",
  "SecureMail",
  "CentralizedTransport",
  "Photos",
];

const SETTINGS = {
  ClientAccessServers: multi("Microsoft.Exchange.Data.Directory.ADObjectId"),
  ExternalIPAddresses: multi("Microsoft.Exchange.Data.IPRange"),
  Domains: multi("Microsoft.Exchange.Data.AutoDiscoverSmtpDomain"),
  OnPremisesSmartHost: STRING,
  TlsCertificateName: STRING,
  SendingTransportServers: multi("Microsoft.Exchange.Data.Directory.ADObjectId"),
  ReceivingTransportServers: multi("Microsoft.Exchange.Data.Directory.ADObjectId"),
  EdgeTransportServers: multi("Microsoft.Exchange.Data.Directory.ADObjectId"),
  Features: multi("Microsoft.Exchange.Data.Directory.SystemConfiguration.HybridFeature", {
    values: FEATURES,
  }),
  ServiceInstance: STRING,
};

const SERVER_LISTS = [
  "ClientAccessServers",
  "SendingTransportServers",
  "ReceivingTransportServers",
  "EdgeTransportServers",
];

/** Checks referenced servers, domains and the certificate, and stores server names as Exchange spells them. */
function validateHybridSettings(context: CmdletContext): void {
  for (const parameter of SERVER_LISTS) {
    if (Array.isArray(context.parameters[parameter])) {
      context.parameters[parameter] = requireServers(context, listParameter(context, parameter));
    }
  }
  if (Array.isArray(context.parameters.Domains)) {
    requireAcceptedDomains(context, "Domains", listParameter(context, "Domains"));
  }
  const certificate = context.parameters.TlsCertificateName;
  if (typeof certificate === "string") requireTlsCertificate(context, certificate);
}

function hybridConfigurationObject(context: CmdletContext): ExchangeObject {
  const object: ExchangeObject = {
    ...directoryObject(context, {
      name: "Hybrid Configuration",
      container: "CN=Hybrid Configuration",
      schema: "ms-Exch-Coexistence-Relationship",
      objectClass: ["top", "msExchCoexistenceRelationship"],
      exchangeVersion: "0.20 (15.0.0.0)",
    }),
    ClientAccessServers: [],
    Domains: [],
    EdgeTransportServers: [],
    ExternalIPAddresses: [],
    Features: [],
    OnPremisesSmartHost: null,
    ReceivingTransportServers: [],
    SendingTransportServers: [],
    ServiceInstance: 0,
    TlsCertificateName: null,
  };
  for (const [parameter, value] of Object.entries(context.parameters)) object[parameter] = value ?? [];
  return object;
}

export const hybridConfigurationCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-HybridConfiguration", kind: KIND, sides: ON_PREMISES }),
  {
    name: "New-HybridConfiguration",
    sides: ON_PREMISES,
    parameters: { ...SETTINGS },
    run(context) {
      validateHybridSettings(context);
      return [structuredClone(insertObject(context, KIND, hybridConfigurationObject(context)))];
    },
  },
  setCmdlet({
    name: "Set-HybridConfiguration",
    kind: KIND,
    sides: ON_PREMISES,
    singleton: true,
    parameters: SETTINGS,
    validate: validateHybridSettings,
  }),
  {
    name: "Remove-HybridConfiguration",
    sides: ON_PREMISES,
    parameters: {},
    run(context) {
      const object = objectsOf(context.state, KIND)[0];
      if (!object) throw notFoundError(context, "Hybrid Configuration");
      removeObject(context, KIND, object);
      return [];
    },
  },
]);
