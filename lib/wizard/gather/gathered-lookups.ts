import type { ExchangeCertificate, ExchangeServer, GatheredState } from "./gathered-state";

// Questions the cross-checks and the planner both ask of the gathered state.

export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}

/** A server by NetBIOS name or FQDN, as Exchange resolves a server reference. */
export function findServer(gathered: GatheredState, name: string): ExchangeServer | undefined {
  return gathered.onPremises.exchangeServers.find(
    (server) => sameName(server.Name, name) || sameName(server.Fqdn, name),
  );
}

/** 14 for Exchange 2010, 15 for 2013 and later (AdminDisplayVersion "Version 15.2 (Build 1544.4)"). */
export function majorVersionOf(server: ExchangeServer): number {
  const match = /Version (\d+)\./.exec(server.AdminDisplayVersion);
  return match ? Number(match[1]) : 0;
}

/**
 * Exchange 2010 has no OAuth: with one in the organization the HCW uses the federation trust
 * (DAuth) for free/busy and leaves the intra-organization connectors out.
 */
export function hasExchange2010(gathered: GatheredState): boolean {
  return gathered.onPremises.exchangeServers.some(
    (server) => !server.IsEdgeServer && majorVersionOf(server) === 14,
  );
}

/** The server a certificate is installed on: Identity is `SERVER\THUMBPRINT`. */
export function certificateServer(certificate: ExchangeCertificate): string {
  return certificate.Identity.split("\\")[0] ?? "";
}

export function certificatesWithThumbprint(
  gathered: GatheredState,
  thumbprint: string,
): ExchangeCertificate[] {
  return gathered.onPremises.certificates.filter((certificate) =>
    sameName(certificate.Thumbprint, thumbprint),
  );
}

/** How Exchange names a transport certificate: `<I>issuer<S>subject`. */
export function tlsCertificateName(certificate: ExchangeCertificate): string {
  return `<I>${certificate.Issuer}<S>${certificate.Subject}`;
}

/** The certificate's subject name without `CN=` (and without further RDNs). */
export function subjectName(certificate: ExchangeCertificate): string {
  return /^CN=([^,]+)/i.exec(certificate.Subject)?.[1]?.trim() ?? certificate.Subject;
}

/** The tenant's coexistence domain as the tenant lists it; undefined when it has none yet. */
export function tenantCoexistenceDomain(gathered: GatheredState): string | undefined {
  return gathered.online.acceptedDomains.find((domain) => domain.IsCoexistenceDomain === true)?.DomainName;
}
