import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { directoryObject, type ObjectFactoryContext } from "../directory-objects";
import { getCmdlet, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { BOOLEAN, ON_PREMISES, STRING, SWITCH, URI } from "../parameter-types";

export interface VirtualDirectoryShape {
  server: string;
  serverFqdn: string;
  adminDisplayVersion: string;
  externalUrl: string | null;
  internalUrl: string | null;
}

function virtualDirectoryObject(
  context: ObjectFactoryContext,
  shape: VirtualDirectoryShape,
  name: string,
  schemaClass: string,
  objectClass: string,
  path: string,
): ExchangeObject {
  return {
    ...directoryObject(context, {
      name,
      identity: `${shape.server}\\${name}`,
      container: `CN=HTTP,CN=Protocols,CN=${shape.server},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups`,
      schema: schemaClass,
      objectClass: ["top", "msExchVirtualDirectory", objectClass],
      exchangeVersion: "0.10 (14.0.100.0)",
    }),
    AdminDisplayVersion: shape.adminDisplayVersion,
    ExternalUrl: shape.externalUrl,
    InternalUrl: shape.internalUrl,
    MetabasePath: `IIS://${shape.serverFqdn}/W3SVC/1/ROOT/${path}`,
    Path: "",
    Server: shape.server,
  };
}

export function webServicesVirtualDirectoryObject(
  context: ObjectFactoryContext,
  shape: VirtualDirectoryShape & { mrsProxyEnabled: boolean },
): ExchangeObject {
  return {
    ...virtualDirectoryObject(
      context,
      shape,
      "EWS (Default Web Site)",
      "ms-Exch-Web-Services-Virtual-Directory",
      "msExchWebServicesVirtualDirectory",
      "EWS",
    ),
    BasicAuthentication: null,
    ExternalAuthenticationMethods: ["Ntlm", "WindowsIntegrated", "WSSecurity", "OAuth"],
    InternalAuthenticationMethods: ["Ntlm", "WindowsIntegrated", "WSSecurity", "OAuth"],
    MRSProxyEnabled: shape.mrsProxyEnabled,
    MRSProxyMaxConnections: "Unlimited",
    OAuthAuthentication: null,
    WindowsAuthentication: null,
    WSSecurityAuthentication: null,
  };
}

export function owaVirtualDirectoryObject(
  context: ObjectFactoryContext,
  shape: VirtualDirectoryShape,
): ExchangeObject {
  return {
    ...virtualDirectoryObject(
      context,
      shape,
      "owa (Default Web Site)",
      "ms-Exch-OWA-Virtual-Directory",
      "msExchOWAVirtualDirectory",
      "owa",
    ),
    BasicAuthentication: false,
    ExternalAuthenticationMethods: ["Fba"],
    FormsAuthentication: true,
    InternalAuthenticationMethods: ["Basic", "Fba"],
    ServerName: shape.server,
    WindowsAuthentication: false,
  };
}

function byServer(context: CmdletContext, directories: ExchangeObject[]): ExchangeObject[] {
  const server = context.parameters.Server;
  if (typeof server !== "string") return directories;
  return directories.filter((directory) => String(directory.Server).toLowerCase() === server.toLowerCase());
}

const GET_PARAMETERS = { Server: STRING, ADPropertiesOnly: SWITCH, ShowMailboxVirtualDirectories: SWITCH };

export const virtualDirectoryCmdlets = defineCmdlets([
  getCmdlet({
    name: "Get-WebServicesVirtualDirectory",
    kind: "WebServicesVirtualDirectory",
    sides: ON_PREMISES,
    parameters: GET_PARAMETERS,
    select: byServer,
  }),
  setCmdlet({
    name: "Set-WebServicesVirtualDirectory",
    kind: "WebServicesVirtualDirectory",
    sides: ON_PREMISES,
    parameters: {
      ExternalUrl: URI,
      InternalUrl: URI,
      MRSProxyEnabled: BOOLEAN,
      BasicAuthentication: BOOLEAN,
      WindowsAuthentication: BOOLEAN,
      OAuthAuthentication: BOOLEAN,
      WSSecurityAuthentication: BOOLEAN,
    },
  }),
  getCmdlet({
    name: "Get-OwaVirtualDirectory",
    kind: "OwaVirtualDirectory",
    sides: ON_PREMISES,
    parameters: GET_PARAMETERS,
    select: byServer,
  }),
]);
