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
import { BOOLEAN, multi, ON_PREMISES, oneOf, REQUIRED_STRING, STRING, SWITCH } from "../parameter-types";
import { requireDomainNames } from "../references";

const KIND = "AuthServer";
const ACS_ISSUER = "00000001-0000-0000-c000-000000000000";

function validateMetadataUrl(context: CmdletContext): void {
  const url = context.parameters.AuthMetadataUrl;
  if (typeof url !== "string") return;
  if (!URL.canParse(url) || new URL(url).protocol !== "https:") {
    throw invalidValueError(
      context,
      `The AuthMetadataUrl '${url}' isn't valid. It must be an absolute HTTPS URL.`,
    );
  }
  if (Array.isArray(context.parameters.DomainName)) {
    requireDomainNames(context, "DomainName", listParameter(context, "DomainName"));
  }
}

/** What New-AuthServer learns from the metadata document; derived here from the URL's tenant segment. */
function metadataProperties(url: string, type: string): ExchangeObject {
  const tenant = /\/([0-9a-f-]{36}|[^/]+\.onmicrosoft\.[a-z.]+)\//i.exec(new URL(url).pathname)?.[1] ?? "";
  if (type === "MicrosoftACS") {
    return {
      IssuerIdentifier: ACS_ISSUER,
      Realm: tenant,
      TokenIssuingEndpoint: `${new URL(url).origin}/${tenant}/tokens/OAuth/2`,
    };
  }
  return { IssuerIdentifier: "", Realm: tenant, TokenIssuingEndpoint: "" };
}

export const authServerCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-AuthServer", kind: KIND, sides: ON_PREMISES }),
  newCmdlet({
    name: "New-AuthServer",
    kind: KIND,
    sides: ON_PREMISES,
    parameters: {
      Name: REQUIRED_STRING,
      AuthMetadataUrl: REQUIRED_STRING,
      Type: oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthServerType", [
        "Unknown",
        "MicrosoftACS",
        "Facebook",
        "LinkedIn",
        "ADFS",
        "AzureAD",
      ]),
      DomainName: multi("Microsoft.Exchange.Data.AutoDiscoverSmtpDomain"),
      Enabled: BOOLEAN,
      TrustAnySSLCertificate: SWITCH,
    },
    validate: validateMetadataUrl,
    create(context) {
      const url = String(context.parameters.AuthMetadataUrl);
      const type = typeof context.parameters.Type === "string" ? context.parameters.Type : "MicrosoftACS";
      return {
        ...directoryObject(context, {
          name: String(context.parameters.Name),
          container: "CN=Auth Servers,CN=Auth Configuration",
          schema: "ms-Exch-Auth-Auth-Server",
          objectClass: ["top", "msExchAuthAuthServer"],
          exchangeVersion: "0.20 (15.0.0.0)",
        }),
        ApplicationIdentifier: "",
        AuthMetadataUrl: url,
        AuthorizationEndpoint: "",
        CertificateStrings: [],
        DomainName: listParameter(context, "DomainName"),
        Enabled: booleanParameter(context, "Enabled", true),
        IsDefaultAuthorizationEndpoint: false,
        Type: type,
        ...metadataProperties(url, type),
      };
    },
  }),
  setCmdlet({
    name: "Set-AuthServer",
    kind: KIND,
    sides: ON_PREMISES,
    parameters: {
      AuthMetadataUrl: STRING,
      // The dedicated hybrid application's id, on the EvoSts (AzureAD) auth server.
      ApplicationIdentifier: STRING,
      DomainName: multi("Microsoft.Exchange.Data.AutoDiscoverSmtpDomain"),
      Enabled: BOOLEAN,
      IsDefaultAuthorizationEndpoint: BOOLEAN,
      Name: STRING,
    },
    validate: validateMetadataUrl,
  }),
  removeCmdlet({ name: "Remove-AuthServer", kind: KIND, sides: ON_PREMISES }),
]);
