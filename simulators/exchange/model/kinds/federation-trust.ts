import { createHash } from "node:crypto";
import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { collectionOf, directoryObject, invalidOperationError, objectsOf } from "../directory-objects";
import { getCmdlet, removeCmdlet, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import type { Cloud } from "../organization-state";
import { ON_PREMISES, REQUIRED_STRING, STRING, SWITCH, URI } from "../parameter-types";
import { referenceNotFoundError } from "../references";
import { exchangeCertificateObject } from "./exchange-certificate";

const KIND = "FederationTrust";

/** The Microsoft Federation Gateway metadata each cloud publishes; GCC High and DoD must be set explicitly. */
export const FEDERATION_METADATA_URLS: Record<Cloud, string> = {
  Worldwide: "https://nexus.microsoftonline-p.com/FederationMetadata/2006-12/FederationMetadata.xml",
  China21Vianet: "https://nexus.partner.microsoftonline.cn/FederationMetadata/2006-12/FederationMetadata.xml",
  UsGovGccHigh: "https://login.microsoftonline.us/FederationMetadata/2006-12/FederationMetadata.xml",
  UsGovDod: "https://login.microsoftonline.us/FederationMetadata/2006-12/FederationMetadata.xml",
};

/**
 * New-FederationTrust signs with a certificate; without -Thumbprint the simulator creates the
 * self-signed "Federation" certificate the HCW would have created first.
 */
function federationCertificate(context: CmdletContext): ExchangeObject {
  const servers = objectsOf(context.state, "ExchangeServer");
  const given = context.parameters.Thumbprint;
  const certificates = collectionOf(context.state, "ExchangeCertificate");
  if (typeof given === "string") {
    const found = certificates.find(
      (certificate) => String(certificate.Thumbprint).toLowerCase() === given.toLowerCase(),
    );
    if (!found) throw referenceNotFoundError(context, given);
    return found;
  }
  const thumbprint = createHash("sha1")
    .update(`${context.state.organizationGuid}|federation`)
    .digest("hex")
    .toUpperCase();
  const existing = certificates.find((certificate) => certificate.Thumbprint === thumbprint);
  if (existing) return existing;
  const notBefore = new Date(context.now);
  const notAfter = new Date(context.now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 5);
  const certificate = exchangeCertificateObject(
    {
      server: String(servers[0]?.Name ?? "EX1"),
      thumbprint,
      subject: "CN=Federation",
      issuer: "CN=Federation",
      domains: ["Federation"],
      notBefore: notBefore.toISOString(),
      notAfter: notAfter.toISOString(),
      selfSigned: true,
      services: ["Federation"],
      friendlyName: "Exchange Delegated Federation",
      serialNumber: thumbprint.slice(0, 32),
    },
    context.now,
  );
  certificates.push(certificate);
  return certificate;
}

export const federationTrustCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-FederationTrust", kind: KIND, sides: ON_PREMISES }),
  {
    name: "New-FederationTrust",
    sides: ON_PREMISES,
    parameters: {
      Name: REQUIRED_STRING,
      Thumbprint: STRING,
      MetadataUrl: URI,
      SkipNamespaceProviderProvisioning: SWITCH,
      ApplicationUri: STRING,
    },
    run(context) {
      const existing = objectsOf(context.state, KIND)[0];
      if (existing) {
        throw invalidOperationError(
          context,
          `A federation trust already exists ('${String(existing.Name)}'). An organization can have only one federation trust.`,
        );
      }
      const certificate = federationCertificate(context);
      const cloud = context.state.tenant?.cloud ?? "Worldwide";
      const trust: ExchangeObject = {
        ...directoryObject(context, {
          name: String(context.parameters.Name),
          container: "CN=Federation Trusts",
          schema: "ms-Exch-Fed-Trust",
          objectClass: ["top", "msExchFedTrust"],
          exchangeVersion: "0.10 (14.0.100.0)",
        }),
        ApplicationIdentifier: "",
        ApplicationUri:
          context.parameters.ApplicationUri ?? `FYDIBOHF25SPDLT.${String(context.state.organizationName)}`,
        NamespaceProvisioner: "ExternalProcess",
        OrgCertificate: String(certificate.Subject),
        OrgNextPrivCertificate: "",
        OrgPrevPrivCertificate: "",
        OrgPrivCertificate: String(certificate.Thumbprint),
        TokenIssuerMetadataEpr: context.parameters.MetadataUrl ?? FEDERATION_METADATA_URLS[cloud],
        TokenIssuerType: "MicrosoftFederationGateway",
        TokenIssuerUri: "urn:federation:MicrosoftOnline",
      };
      collectionOf(context.state, KIND).push(trust);
      return [structuredClone(trust)];
    },
  },
  setCmdlet({
    name: "Set-FederationTrust",
    kind: KIND,
    sides: ON_PREMISES,
    parameters: {
      MetadataUrl: URI,
      Thumbprint: STRING,
      RefreshMetadata: SWITCH,
      PublishFederationCertificate: SWITCH,
    },
    rename: { MetadataUrl: "TokenIssuerMetadataEpr", Thumbprint: "OrgPrivCertificate" },
    skip: ["RefreshMetadata", "PublishFederationCertificate"],
  }),
  removeCmdlet({ name: "Remove-FederationTrust", kind: KIND, sides: ON_PREMISES }),
]);
