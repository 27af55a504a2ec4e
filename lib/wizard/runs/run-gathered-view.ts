import type { RunCertificate, RunGathered, RunServer } from "@/lib/contracts/wizard-gather";
import { hasSmtp, isExpired } from "@/lib/wizard/answers/certificate-checks";
import { ewsReadiness } from "@/lib/wizard/gather/ews-readiness";
import { buildOf, formatBuild, productOf } from "@/lib/wizard/gather/exchange-builds";
import { certificateServer, sameName, tenantCoexistenceDomain } from "@/lib/wizard/gather/gathered-lookups";
import type { ExchangeCertificate, ExchangeServer, GatheredState } from "@/lib/wizard/gather/gathered-state";
import { frontendReceiveConnector } from "@/lib/wizard/gather/receive-connector-choice";
import type { StoredGather } from "./stored-gather";

// The stored gather as the later pages show it: each server, domain and certificate with whether
// it may be chosen and, if not, why — the same judgements the cross-checks make, so a choice the
// page offers is one the plan accepts. Computed here so the browser ships none of it.

export function runServerOf(server: ExchangeServer, gathered?: GatheredState): RunServer {
  const { build } = buildOf(server);
  return {
    name: server.Name,
    fqdn: server.Fqdn,
    version: build ? `${productOf(build)} ${formatBuild(build)}` : server.AdminDisplayVersion,
    mailbox: server.IsMailboxServer && !server.IsEdgeServer,
    edge: server.IsEdgeServer,
    frontendReceiveConnector: gathered
      ? (frontendReceiveConnector(gathered, server.Name)?.Identity ?? null)
      : null,
  };
}

function certificateProblem(certificate: ExchangeCertificate, now: Date): string | null {
  if (isExpired(certificate, now)) {
    return `Expired or not yet valid (valid ${certificate.NotBefore} to ${certificate.NotAfter}): renew it.`;
  }
  if (certificate.IsSelfSigned) return "Self-signed: Exchange Online does not trust it.";
  if (!hasSmtp(certificate)) {
    return `Not assigned to SMTP: run Enable-ExchangeCertificate -Thumbprint ${certificate.Thumbprint} -Services SMTP.`;
  }
  return null;
}

function runCertificateOf(certificate: ExchangeCertificate, now: Date): RunCertificate {
  return {
    server: certificateServer(certificate),
    thumbprint: certificate.Thumbprint.toUpperCase(),
    subject: certificate.Subject,
    issuer: certificate.Issuer,
    notBefore: certificate.NotBefore,
    notAfter: certificate.NotAfter,
    names: certificate.CertificateDomains,
    services: certificate.Services,
    invalid: certificateProblem(certificate, now),
  };
}

export function runGatheredView(stored: StoredGather, gatheredAt: Date, now: Date): RunGathered {
  const { state } = stored;
  const coexistence = tenantCoexistenceDomain(state);
  return {
    gatheredAt: gatheredAt.toISOString(),
    durationMs: stored.durationMs,
    records: stored.records,
    checks: stored.checks,
    exchange2010: stored.exchange2010,
    servers: state.onPremises.exchangeServers.map((server) => runServerOf(server, state)),
    // The coexistence domain is not the admin's to share: the plan always routes through it, and an
    // update adds it on-premises, so offering it would make every later run want to change the domains.
    domains: state.onPremises.acceptedDomains
      .filter(({ DomainName }) => !sameName(DomainName, coexistence))
      .map(({ DomainName }) => ({
        domain: DomainName.toLowerCase(),
        unavailable: state.online.acceptedDomains.some((verified) =>
          sameName(verified.DomainName, DomainName),
        )
          ? null
          : "Not verified in your Microsoft 365 tenant: verify it in the Microsoft 365 admin center (Settings > Domains), then gather again.",
      })),
    certificates: state.onPremises.certificates.map((certificate) => runCertificateOf(certificate, now)),
    federationTrust: state.onPremises.federationTrust !== null,
    domainProofs: stored.domainProofs,
    ewsReadiness: ewsReadiness(state, now),
  };
}
