import { AppError } from "@/lib/errors";
import { CLOUD_HOSTS, type CloudHosts, coexistenceDomainFor } from "@/lib/exchange/cloud-hosts";
import type { Answers } from "@/lib/wizard/answers/answers";
import {
  certificatesWithThumbprint,
  findServer,
  hasExchange2010,
  subjectName,
  tenantCoexistenceDomain,
  tlsCertificateName,
} from "@/lib/wizard/gather/gathered-lookups";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import type { TenantFacts } from "./plan-types";

// What every task derives from (gathered state, answers, tenant facts), worked out once: the HCW's
// names, the chosen certificate and servers, the cloud's hosts, and which tasks apply.

export interface PlanContext {
  gathered: GatheredState;
  answers: Answers;
  tenant: TenantFacts;
  hosts: CloudHosts;
  /** `<g>`: the tenant's OrganizationConfig Guid, in on-premises object names. */
  tenantGuid: string;
  /** `<o>`: the on-premises OrganizationConfig Guid, in Exchange Online object names. */
  onPremisesGuid: string;
  onPremisesOrganizationName: string;
  /** `<t>.mail.onmicrosoft.com` (or the national cloud's form). */
  coexistenceDomain: string;
  hybridDomains: string[];
  organizationFqdn: string;
  /** `<I>issuer<S>subject` of the transport certificate. */
  tlsCertificateName: string;
  /** The transport certificate's subject name, which Exchange Online checks on-premises mail against. */
  certificateSubjectName: string;
  /** Where on-premises EWS is published (MRSProxy, free/busy, Autodiscover for the cloud). */
  ewsExternalUrl: string;
  ewsHost: string;
  edge: boolean;
  /** Canonical server names (as Get-ExchangeServer spells them). */
  sendServers: string[];
  receiveServers: string[];
  full: boolean;
  /** Exchange 2010 in the organization: free/busy needs the federation trust, and OAuth is left out. */
  federation: boolean;
  oauth: boolean;
  notes: string[];
}

function canonicalServers(gathered: GatheredState, names: readonly string[]): string[] {
  return names.map((name) => findServer(gathered, name)?.Name ?? name);
}

function publishedEws(gathered: GatheredState, organizationFqdn: string): string {
  const published = gathered.onPremises.webServicesVirtualDirectories.find(
    (directory) => directory.ExternalUrl,
  );
  return published?.ExternalUrl ?? `https://${organizationFqdn}/EWS/Exchange.asmx`;
}

export function planContext(gathered: GatheredState, answers: Answers, tenant: TenantFacts): PlanContext {
  const certificate = certificatesWithThumbprint(gathered, answers.certificate.thumbprint)[0];
  if (!certificate) {
    throw new AppError(
      "validation_failed",
      `No Exchange server has the certificate ${answers.certificate.thumbprint}: check the answers against the gathered state first.`,
    );
  }
  const full = answers.features.hybrid === "full";
  const legacy = hasExchange2010(gathered);
  const ewsExternalUrl = publishedEws(gathered, answers.organizationFqdn.fqdn);
  const listed = tenantCoexistenceDomain(gathered);
  const coexistenceDomain = listed ?? coexistenceDomainFor(tenant.tenantInitialDomain);
  const notes = listed
    ? []
    : [
        `The tenant does not list its coexistence domain ${coexistenceDomain} yet; the plan uses that name. Exchange Online adds it when the tenant is first used for hybrid: gather again before the update if it is still missing.`,
      ];
  return {
    gathered,
    answers,
    tenant,
    hosts: CLOUD_HOSTS[tenant.cloud],
    tenantGuid: gathered.online.organizationConfig.Guid,
    onPremisesGuid: gathered.onPremises.organizationConfig.Guid,
    onPremisesOrganizationName: gathered.onPremises.organizationConfig.Name,
    coexistenceDomain,
    hybridDomains: answers.domains.hybridDomains,
    organizationFqdn: answers.organizationFqdn.fqdn,
    tlsCertificateName: tlsCertificateName(certificate),
    certificateSubjectName: subjectName(certificate),
    ewsExternalUrl,
    ewsHost: new URL(ewsExternalUrl).hostname,
    edge: answers.transport.edgeTransport,
    sendServers: canonicalServers(gathered, answers.sendConnectors.servers),
    receiveServers: canonicalServers(gathered, answers.receiveConnectors.servers),
    full,
    federation: full && legacy,
    oauth: full && !legacy,
    notes,
  };
}
