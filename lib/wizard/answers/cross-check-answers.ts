import {
  certificateServer,
  certificatesWithThumbprint,
  findServer,
  sameName,
} from "@/lib/wizard/gather/gathered-lookups";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { frontendReceiveConnector } from "@/lib/wizard/gather/receive-connector-choice";
import type { Answers, AnswerViolation } from "./answers";
import { coversHost, hasSmtp, isExpired } from "./certificate-checks";

// The checks the HCW makes between its pages and what it read: answers that parse but cannot work
// with this organization. Each names the field and what an Exchange admin should do.

type Check = (answers: Answers, gathered: GatheredState, now: Date) => AnswerViolation[];

/** Whether the answers' transport certificate can carry hybrid mail: valid, public, SMTP, the FQDN, on every connector server. */
export const checkCertificate: Check = (answers, gathered, now) => {
  const path = "certificate.thumbprint";
  const { thumbprint } = answers.certificate;
  const installed = certificatesWithThumbprint(gathered, thumbprint);
  const certificate = installed[0];
  if (!certificate) {
    return [
      {
        path,
        message: `No Exchange server has a certificate with thumbprint ${thumbprint}. Choose one that Get-ExchangeCertificate lists.`,
      },
    ];
  }
  const violations: AnswerViolation[] = [];
  const name = `The certificate ${certificate.Subject} (${thumbprint})`;
  if (isExpired(certificate, now)) {
    violations.push({
      path,
      message: `${name} is not valid now (valid ${certificate.NotBefore} to ${certificate.NotAfter}). Renew it or choose a current one.`,
    });
  }
  if (certificate.IsSelfSigned) {
    violations.push({
      path,
      message: `${name} is self-signed; Exchange Online does not trust it. Choose a certificate from a public certification authority.`,
    });
  }
  if (!hasSmtp(certificate)) {
    violations.push({
      path,
      message: `${name} is not assigned to SMTP. Run Enable-ExchangeCertificate -Thumbprint ${thumbprint} -Services SMTP on each transport server, then gather again.`,
    });
  }
  const fqdn = answers.organizationFqdn.fqdn;
  if (!coversHost(certificate, fqdn)) {
    violations.push({
      path,
      message: `${name} does not cover ${fqdn}: choose a certificate whose subject or alternative names include it, or change the organization FQDN.`,
    });
  }
  const servers = [...answers.receiveConnectors.servers, ...answers.sendConnectors.servers]
    .map((server) => findServer(gathered, server))
    .filter((server) => server !== undefined && !server.IsEdgeServer);
  const missing = [...new Set(servers.map((server) => server!.Name))].filter(
    (server) => !installed.some((candidate) => sameName(certificateServer(candidate), server)),
  );
  if (missing.length > 0) {
    violations.push({
      path,
      message: `${name} is not installed on ${missing.join(", ")}. Import it there (Import-ExchangeCertificate) or choose other connector servers.`,
    });
  }
  return violations;
};

const checkDomains: Check = (answers, gathered) => {
  const violations: AnswerViolation[] = [];
  answers.domains.hybridDomains.forEach((domain, index) => {
    const path = `domains.hybridDomains.${index}`;
    if (!gathered.onPremises.acceptedDomains.some((accepted) => sameName(accepted.DomainName, domain))) {
      violations.push({
        path,
        message: `${domain} is not an accepted domain of your Exchange organization. Add it with New-AcceptedDomain or leave it out.`,
      });
    }
    if (!gathered.online.acceptedDomains.some((accepted) => sameName(accepted.DomainName, domain))) {
      violations.push({
        path,
        message: `${domain} is not verified in your Microsoft 365 tenant. Verify it in the Microsoft 365 admin center (Settings > Domains), then gather again, or leave it out.`,
      });
    }
  });
  const { autodiscoverDomain, hybridDomains } = answers.domains;
  if (!hybridDomains.includes(autodiscoverDomain)) {
    violations.push({
      path: "domains.autodiscoverDomain",
      message: `The Autodiscover domain ${autodiscoverDomain} must be one of the hybrid domains (${hybridDomains.join(", ")}).`,
    });
  }
  answers.domainOwnership.confirmedDomains.forEach((domain, index) => {
    if (!hybridDomains.includes(domain)) {
      violations.push({
        path: `domainOwnership.confirmedDomains.${index}`,
        message: `${domain} is not a hybrid domain; only hybrid domains need a federation proof.`,
      });
    }
  });
  return violations;
};

function checkServers(page: "receiveConnectors" | "sendConnectors"): Check {
  return (answers, gathered) => {
    const edge = answers.transport.edgeTransport;
    const role = page === "receiveConnectors" ? "receive" : "send";
    return answers[page].servers.flatMap((name, index) => {
      const path = `${page}.servers.${index}`;
      const server = findServer(gathered, name);
      if (!server)
        return [
          { path, message: `${name} is not an Exchange server of this organization (Get-ExchangeServer).` },
        ];
      if (edge && !server.IsEdgeServer) {
        return [
          {
            path,
            message: `${server.Name} is not an Edge Transport server; with Edge Transport chosen, mail to and from Exchange Online goes through Edge servers only.`,
          },
        ];
      }
      if (!edge && !server.IsMailboxServer) {
        return [
          {
            path,
            message: `${server.Name} does not hold the Mailbox role, so it cannot ${role} hybrid mail. Choose a Mailbox server${server.IsEdgeServer ? ", or choose Edge Transport on the transport page" : ""}.`,
          },
        ];
      }
      if (page === "receiveConnectors" && !frontendReceiveConnector(gathered, server.Name)) {
        return [
          {
            path,
            message: `${server.Name} has no receive connector bound to port 25 that accepts mail from all IPv4 and IPv6 addresses (HCW8010). Add the IPv6 binding and remote range, or choose another server.`,
          },
        ];
      }
      return [];
    });
  };
}

const checkMigrationCredential: Check = (answers) =>
  answers.features.migrationEndpoint && !answers.migrationCredential
    ? [
        {
          path: "migrationCredential",
          message:
            "The migration endpoint needs an on-premises account for Exchange Online to sign in with. Enter it, or turn the migration endpoint off.",
        },
      ]
    : [];

const CHECKS: Check[] = [
  checkCertificate,
  checkDomains,
  checkServers("receiveConnectors"),
  checkServers("sendConnectors"),
  checkMigrationCredential,
];

/** Every way these answers cannot work with this organization; empty when they can. */
export function crossCheckAnswers(options: {
  answers: Answers;
  gathered: GatheredState;
  now: Date;
}): AnswerViolation[] {
  return CHECKS.flatMap((check) => check(options.answers, options.gathered, options.now));
}
