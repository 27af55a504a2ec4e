import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

// A self-signed certificate like on-premises Exchange's OAuth certificate ("Microsoft Exchange
// Server Auth Certificate"), for tests that upload key credentials.

const ALGORITHM = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

export interface TestCertificate {
  /** Base64 DER: what Graph takes as a key credential's `key`. */
  base64: string;
  /** Base64 of the SHA-1 thumbprint: Graph's customKeyIdentifier. */
  thumbprintBase64: string;
  notBefore: Date;
  notAfter: Date;
}

export async function createAuthCertificate(
  options: { subject?: string; notBefore?: Date; days?: number } = {},
): Promise<TestCertificate> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
  const notBefore = options.notBefore ?? new Date(Date.now() - 86_400_000);
  const notAfter = new Date(notBefore.getTime() + (options.days ?? 365) * 86_400_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString("hex"),
    name: options.subject ?? "CN=Microsoft Exchange Server Auth Certificate",
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: ALGORITHM,
  });
  const der = Buffer.from(cert.rawData);
  const thumbprint = Buffer.from(await webcrypto.subtle.digest("SHA-1", der));
  return {
    base64: der.toString("base64"),
    thumbprintBase64: thumbprint.toString("base64"),
    notBefore,
    notAfter,
  };
}
