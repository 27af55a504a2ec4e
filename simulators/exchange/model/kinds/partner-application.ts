import { defineCmdlets } from "../cmdlet-definition";
import { directoryObject, type ObjectFactoryContext } from "../directory-objects";
import { getCmdlet, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { BOOLEAN, ON_PREMISES, oneOf, STRING } from "../parameter-types";

/** Exchange's well-known application id for Exchange Online. */
export const EXCHANGE_ONLINE_APPLICATION_ID = "00000002-0000-0ff1-ce00-000000000000";

export function partnerApplicationObject(
  context: ObjectFactoryContext,
  shape: { name: string; applicationIdentifier: string; enabled: boolean; linkedAccount: string },
): ExchangeObject {
  return {
    ...directoryObject(context, {
      name: shape.name,
      container: "CN=Partner Applications,CN=Auth Configuration",
      schema: "ms-Exch-Auth-Partner-Application",
      objectClass: ["top", "msExchAuthPartnerApplication"],
      exchangeVersion: "0.20 (15.0.0.0)",
    }),
    AcceptSecurityIdentifierInformation: false,
    AccountType: "OrganizationalAccount",
    ActAsPermissions: null,
    ApplicationIdentifier: shape.applicationIdentifier,
    AppOnlyPermissions: null,
    AuthMetadataUrl: "",
    CertificateStrings: [],
    Enabled: shape.enabled,
    IssuerIdentifier: "",
    LinkedAccount: shape.linkedAccount,
    Realm: "",
    UseAuthServer: true,
  };
}

export const partnerApplicationCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-PartnerApplication", kind: "PartnerApplication", sides: ON_PREMISES }),
  setCmdlet({
    name: "Set-PartnerApplication",
    kind: "PartnerApplication",
    sides: ON_PREMISES,
    parameters: {
      Enabled: BOOLEAN,
      UseAuthServer: BOOLEAN,
      AcceptSecurityIdentifierInformation: BOOLEAN,
      AccountType: oneOf(
        "Microsoft.Exchange.Data.Directory.SystemConfiguration.PartnerApplication+AccountType",
        ["OrganizationalAccount", "ConsumerAccount"],
      ),
      LinkedAccount: STRING,
      Name: STRING,
    },
  }),
]);
