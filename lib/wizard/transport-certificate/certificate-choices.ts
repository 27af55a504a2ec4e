import type { Answers } from "@/lib/wizard/answers/answers";
import { checkCertificate } from "@/lib/wizard/answers/cross-check-answers";
import { certificateServer } from "@/lib/wizard/gather/gathered-lookups";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";

// The certificates an admin may choose from to replace the transport certificate, as the HCW's
// certificate page lists them: each with where it is installed and, when it cannot be used, why.

export interface CertificateChoice {
  thumbprint: string;
  subject: string;
  issuer: string;
  notAfter: string;
  servers: string[];
  /** The one the run's answers chose. */
  current: boolean;
  /** Empty when it can be chosen. */
  problems: string[];
}

export function certificateChoices(
  gathered: GatheredState,
  answers: Answers,
  now: Date,
): CertificateChoice[] {
  const byThumbprint = new Map<string, GatheredState["onPremises"]["certificates"]>();
  for (const certificate of gathered.onPremises.certificates) {
    const key = certificate.Thumbprint.toUpperCase();
    byThumbprint.set(key, [...(byThumbprint.get(key) ?? []), certificate]);
  }
  return [...byThumbprint].map(([thumbprint, installed]) => ({
    thumbprint,
    subject: installed[0]!.Subject,
    issuer: installed[0]!.Issuer,
    notAfter: installed[0]!.NotAfter,
    servers: installed.map(certificateServer),
    current: thumbprint === answers.certificate.thumbprint.toUpperCase(),
    problems: checkCertificate({ ...answers, certificate: { thumbprint } }, gathered, now).map(
      (violation) => violation.message,
    ),
  }));
}
