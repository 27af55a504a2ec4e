import { subjectName } from "@/lib/wizard/gather/gathered-lookups";
import type { ExchangeCertificate } from "@/lib/wizard/gather/gathered-state";

// What makes a certificate usable for hybrid mail flow, as the HCW's certificate page judges it.

export function isExpired(certificate: ExchangeCertificate, now: Date): boolean {
  const notAfter = Date.parse(certificate.NotAfter);
  const notBefore = Date.parse(certificate.NotBefore);
  return certificate.Status === "DateInvalid" || notAfter < now.getTime() || notBefore > now.getTime();
}

export function hasSmtp(certificate: ExchangeCertificate): boolean {
  return certificate.Services.some((service) => service.toUpperCase() === "SMTP");
}

/** A name covers a host exactly, or as a wildcard of one label (`*.contoso.com` covers mail.contoso.com). */
function covers(name: string, host: string): boolean {
  const wanted = host.toLowerCase();
  const given = name.toLowerCase();
  if (given === wanted) return true;
  if (!given.startsWith("*.")) return false;
  const dot = wanted.indexOf(".");
  return dot > 0 && wanted.slice(dot + 1) === given.slice(2);
}

export function coversHost(certificate: ExchangeCertificate, host: string): boolean {
  return [subjectName(certificate), ...certificate.CertificateDomains].some((name) => covers(name, host));
}
