import { defineCmdlets } from "../cmdlet-definition";
import { objectsOf } from "../directory-objects";
import { getCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { ON_PREMISES, STRING } from "../parameter-types";

export interface CertificateShape {
  server: string;
  thumbprint: string;
  subject: string;
  issuer: string;
  domains: string[];
  notBefore: string;
  notAfter: string;
  selfSigned: boolean;
  services: string[];
  friendlyName: string;
  serialNumber: string;
  /** Base64 DER of a real certificate (the Auth certificates): what Get-ExchangeCertificate's RawData holds. */
  rawData?: string;
}

/**
 * Get-ExchangeCertificate output. RawData (the certificate's public part) only for the certificates
 * that are real (the Auth certificates, which Graph reads as key credentials): the others are
 * made up, and every property the HCW reads from RawData is also a property here.
 */
export function exchangeCertificateObject(shape: CertificateShape, now: Date): ExchangeObject {
  const expired = Date.parse(shape.notAfter) < now.getTime() || Date.parse(shape.notBefore) > now.getTime();
  return {
    AccessRules: null,
    CertificateDomains: shape.domains,
    CertificateRequest: null,
    FriendlyName: shape.friendlyName,
    HasPrivateKey: true,
    Identity: `${shape.server}\\${shape.thumbprint}`,
    IisServices: [],
    IsSelfSigned: shape.selfSigned,
    Issuer: shape.issuer,
    KeyIdentifier: shape.thumbprint.slice(0, 40).toLowerCase(),
    NotAfter: shape.notAfter,
    NotBefore: shape.notBefore,
    PrivateKeyExportable: false,
    PublicKeySize: 2048,
    RootCAType: shape.selfSigned ? "Registry" : "ThirdParty",
    SerialNumber: shape.serialNumber,
    Services: shape.services.length > 0 ? shape.services.join(", ") : "None",
    Status: expired ? "DateInvalid" : "Valid",
    Subject: shape.subject,
    Thumbprint: shape.thumbprint,
    ...(shape.rawData ? { RawData: shape.rawData } : {}),
  };
}

export const exchangeCertificateCmdlets = defineCmdlets([
  getCmdlet({
    name: "Get-ExchangeCertificate",
    kind: "ExchangeCertificate",
    sides: ON_PREMISES,
    parameters: { Server: STRING, Thumbprint: STRING, DomainName: STRING },
    select(context, certificates) {
      const { Server, Thumbprint, Identity, DomainName } = context.parameters;
      // Without -Server Exchange lists the certificates of the server the session runs on: the first one.
      const firstServer = objectsOf(context.state, "ExchangeServer")[0]?.Name;
      const server =
        typeof Server === "string" ? Server : typeof Identity === "string" ? undefined : firstServer;
      return certificates.filter((certificate) => {
        const [owner, thumbprint] = String(certificate.Identity).split("\\");
        if (typeof server === "string" && owner!.toLowerCase() !== server.toLowerCase()) return false;
        if (typeof Thumbprint === "string" && thumbprint!.toLowerCase() !== Thumbprint.toLowerCase())
          return false;
        if (typeof DomainName === "string") {
          const domains = Array.isArray(certificate.CertificateDomains) ? certificate.CertificateDomains : [];
          return domains.some((domain) => String(domain).toLowerCase() === DomainName.toLowerCase());
        }
        return true;
      });
    },
  }),
]);
