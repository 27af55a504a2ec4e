import { defineCmdlets } from "../cmdlet-definition";
import { directoryObject, type ObjectFactoryContext } from "../directory-objects";
import { getCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { ON_PREMISES } from "../parameter-types";
import { EXCHANGE_ONLINE_APPLICATION_ID } from "./partner-application";

export function authConfigObject(
  context: ObjectFactoryContext,
  currentThumbprint: string,
  nextThumbprint?: string,
): ExchangeObject {
  return {
    ...directoryObject(context, {
      name: "Auth Configuration",
      container: "",
      schema: "ms-Exch-Auth-Auth-Config",
      objectClass: ["top", "container", "msExchContainer", "msExchAuthAuthConfig"],
      exchangeVersion: "0.20 (15.0.0.0)",
    }),
    CurrentCertificateThumbprint: currentThumbprint,
    DeploymentId: "",
    IssuerIdentifier: "",
    NextCertificateEffectiveDate: nextThumbprint ? context.now.toISOString() : null,
    NextCertificateThumbprint: nextThumbprint ?? "",
    PreviousCertificateThumbprint: "",
    Realm: "",
    ServiceName: EXCHANGE_ONLINE_APPLICATION_ID,
  };
}

export const authConfigCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-AuthConfig", kind: "AuthConfig", sides: ON_PREMISES }),
]);
