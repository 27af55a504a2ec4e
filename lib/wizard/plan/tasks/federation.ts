import { accountDomainOf } from "@/lib/exchange/account-namespace";
import { sameName } from "@/lib/wizard/gather/gathered-lookups";
import type { PlanContext } from "../plan-context";
import { operationId, planObject } from "../plan-object";
import type { PlanTaskStep } from "../plan-task";
import type { PlanOperation } from "../plan-types";

// Federation, where Exchange 2010 is in the organization (free/busy through the Microsoft
// Federation Gateway): the trust, a TXT proof per hybrid domain for the admin to publish, the
// federated organization identifier on both sides. The organization relationships depend on it.

const TRUST_NAME = "Microsoft Federation Gateway";

function trust(context: PlanContext): PlanOperation[] {
  const existing = context.gathered.onPremises.federationTrust ?? undefined;
  return planObject({
    task: "Federation",
    side: "OnPremises",
    kind: "FederationTrust",
    existing,
    identity: existing?.Name ?? TRUST_NAME,
    creation: { Name: TRUST_NAME },
    settingsAtCreation: true,
    // GCC High and DoD have their own gateway metadata; Worldwide and 21Vianet are set explicitly too.
    wanted: { TokenIssuerMetadataEpr: context.hosts.federationMetadataUrl },
  });
}

function federatedDomains(context: PlanContext): string[] {
  return context.gathered.onPremises.federatedOrganizationIdentifier?.Domains ?? [];
}

/** The TXT record per domain: the proof exists only once the trust does, so it is read in the plan's run. */
function proofs(context: PlanContext, trustIds: string[]): PlanOperation[] {
  const federated = federatedDomains(context);
  return context.hybridDomains.map((domain): PlanOperation => {
    const done = federated.some((existing) => sameName(existing, domain));
    return {
      id: operationId("Federation", "OnPremises", "Get-FederatedDomainProof", domain),
      side: "OnPremises",
      task: "Federation",
      action: done ? "nop" : "new",
      kind: "FederatedDomainProof",
      cmdlet: "Get-FederatedDomainProof",
      parameters: done ? {} : { DomainName: domain },
      identity: domain,
      before: done ? {} : { TxtRecord: null },
      after: done ? {} : { TxtRecord: `${domain} IN TXT <proof from Get-FederatedDomainProof>` },
      dependsOn: trustIds,
    };
  });
}

function onPremisesIdentifier(context: PlanContext, dependsOn: string[]): PlanOperation[] {
  const existing = context.gathered.onPremises.federatedOrganizationIdentifier;
  const accountDomain = context.answers.domains.autodiscoverDomain;
  const current = accountDomainOf(existing?.AccountNamespace);
  const operations = planObject({
    task: "Federation",
    side: "OnPremises",
    kind: "FederatedOrganizationIdentifier",
    existing: existing ? { ...existing, AccountNamespace: current } : undefined,
    identity: existing?.Identity ?? "Federation",
    singleton: true,
    settingsAtCreation: true,
    wanted: { AccountNamespace: accountDomain, DelegationTrustLink: TRUST_NAME, Enabled: true },
    dependsOn,
  });
  const federated = federatedDomains(context);
  const added: PlanOperation[] = context.hybridDomains
    .filter(
      (domain) =>
        !sameName(domain, accountDomain) && !federated.some((existing) => sameName(existing, domain)),
    )
    .map((domain) => ({
      id: operationId("Federation", "OnPremises", "Add-FederatedDomain", domain),
      side: "OnPremises",
      task: "Federation",
      action: "new",
      kind: "FederatedOrganizationIdentifier",
      cmdlet: "Add-FederatedDomain",
      parameters: { DomainName: domain },
      identity: domain,
      before: { FederatedDomain: null },
      after: { FederatedDomain: domain },
      dependsOn: [
        ...operations.map((operation) => operation.id),
        operationId("Federation", "OnPremises", "Get-FederatedDomainProof", domain),
      ],
    }));
  return [...operations, ...added];
}

function onlineIdentifier(context: PlanContext): PlanOperation[] {
  const existing = context.gathered.online.federatedOrganizationIdentifier ?? undefined;
  return planObject({
    task: "Federation",
    side: "Online",
    kind: "FederatedOrganizationIdentifier",
    existing,
    identity: existing?.Identity ?? "Federation",
    singleton: true,
    settingsAtCreation: true,
    wanted: { DefaultDomain: context.coexistenceDomain, Enabled: true },
  });
}

export const planFederation: PlanTaskStep = (context) => {
  if (!context.federation) return [];
  const trustOperations = trust(context);
  const trustIds = trustOperations.map((operation) => operation.id);
  const proofOperations = proofs(context, trustIds);
  const accountProof = proofOperations.filter((operation) =>
    sameName(operation.identity, context.answers.domains.autodiscoverDomain),
  );
  return [
    ...trustOperations,
    ...proofOperations,
    ...onPremisesIdentifier(context, [...trustIds, ...accountProof.map((operation) => operation.id)]),
    ...onlineIdentifier(context),
  ];
};
