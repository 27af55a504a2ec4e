import { randomUUID, X509Certificate } from "node:crypto";
import { z } from "zod";
import { badRequest } from "./graph-error";
import type { KeyCredential } from "./graph-state";

// keyCredentials as a client writes them: the whole collection each time (what is left out is
// removed), each certificate as base64 DER in `key`. Graph reads the validity and thumbprint from
// the certificate and refuses one it cannot read or whose dates it does not cover.

export const ZKeyCredentialInputSchema = z.strictObject({
  keyId: z.guid().optional(),
  type: z.enum(["AsymmetricX509Cert", "X509CertAndPassword"]),
  usage: z.enum(["Verify", "Sign"]),
  key: z.string().min(1),
  displayName: z.string().nullable().optional(),
  customKeyIdentifier: z.string().nullable().optional(),
  startDateTime: z.iso.datetime({ offset: true }).optional(),
  endDateTime: z.iso.datetime({ offset: true }).optional(),
});

export type KeyCredentialInput = z.infer<typeof ZKeyCredentialInputSchema>;

function readCertificate(key: string): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(key, "base64"));
  } catch {
    throw badRequest("Key credential key is invalid: it must be a base64-encoded X.509 certificate.");
  }
}

export function toKeyCredential(input: KeyCredentialInput): KeyCredential {
  const certificate = readCertificate(input.key);
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  const start = input.startDateTime ? new Date(input.startDateTime) : notBefore;
  const end = input.endDateTime ? new Date(input.endDateTime) : notAfter;
  if (start < notBefore || end > notAfter || start >= end) {
    throw badRequest(
      "Key credential end date is invalid: startDateTime and endDateTime must lie within the certificate's validity.",
    );
  }
  const thumbprint = Buffer.from(certificate.fingerprint.replaceAll(":", ""), "hex").toString("base64");
  return {
    keyId: input.keyId ?? randomUUID(),
    type: input.type,
    usage: input.usage,
    displayName: input.displayName ?? certificate.subject.replaceAll("\n", ", "),
    customKeyIdentifier: input.customKeyIdentifier ?? thumbprint,
    startDateTime: start.toISOString(),
    endDateTime: end.toISOString(),
    key: input.key,
  };
}

/** The collection after a write; two credentials with one keyId is Graph's 400. */
export function toKeyCredentials(inputs: readonly KeyCredentialInput[]): KeyCredential[] {
  const credentials = inputs.map(toKeyCredential);
  const ids = credentials.map((credential) => credential.keyId);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw badRequest(`Key credential keyId '${duplicate}' appears more than once.`);
  return credentials;
}

/** A credential as Graph returns it: the key only when the caller selected keyCredentials on one object. */
export function keyCredentialView(credential: KeyCredential, withKey: boolean) {
  return { ...credential, key: withKey ? credential.key : null };
}
