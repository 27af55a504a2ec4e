import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import type { OrganizationRelationship } from "@/lib/wizard/gather/gathered-state";
import { withItems } from "../compare-values";
import type { PlanContext } from "../plan-context";
import { findNamed, planObject } from "../plan-object";
import { idsOf, type PlanTaskStep } from "../plan-task";

// OrganizationRelationship: each side trusts the other's domains for free/busy, MailTips and
// moves. Full hybrid only. A relationship that already holds one of the domains is the one to
// update (a domain can be in one relationship only), whatever an earlier wizard called it.

export interface RelationshipNames {
  name: string;
  /** What the Exchange 2010 SP2 wizard called it. */
  legacy: string;
  domains: string[];
}

export function relationshipNames(context: PlanContext, side: ExchangeSide): RelationshipNames {
  return side === "OnPremises"
    ? {
        name: `On-premises to O365 - ${context.tenantGuid}`,
        legacy: "On Premises to Exchange Online Organization Relationship",
        domains: [context.coexistenceDomain],
      }
    : {
        name: `O365 to On-premises - ${context.onPremisesGuid}`,
        legacy: "Exchange Online to on premises Organization Relationship",
        domains: context.hybridDomains,
      };
}

export function existingRelationship(
  context: PlanContext,
  side: ExchangeSide,
): OrganizationRelationship | undefined {
  const relationships =
    side === "OnPremises"
      ? context.gathered.onPremises.organizationRelationships
      : context.gathered.online.organizationRelationships;
  const { name, legacy, domains } = relationshipNames(context, side);
  const wanted = new Set(domains.map((domain) => domain.toLowerCase()));
  return (
    findNamed(relationships, [name, legacy]) ??
    relationships.find((relationship) =>
      relationship.DomainNames.some((domain) => wanted.has(domain.toLowerCase())),
    )
  );
}

export const planOrganizationRelationship: PlanTaskStep = (context, earlier) => {
  if (!context.full) return [];
  const federation = earlier
    .filter((operation) => operation.task === "Federation")
    .map((operation) => operation.id);
  return (["OnPremises", "Online"] as const).flatMap((side) => {
    const existing = existingRelationship(context, side);
    const { name, domains } = relationshipNames(context, side);
    return planObject({
      task: "OrganizationRelationship",
      side,
      kind: "OrganizationRelationship",
      existing,
      identity: existing?.Name ?? name,
      creation: { Name: name },
      settingsAtCreation: true,
      wanted: { DomainNames: withItems(existing?.DomainNames ?? [], domains), Enabled: true },
      dependsOn:
        side === "OnPremises"
          ? [...federation, ...idsOf(earlier, "AcceptedDomain", "OnPremises")]
          : federation,
    });
  });
};
