import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import { sameValue } from "../compare-values";
import type { PlanContext } from "../plan-context";
import { planObject } from "../plan-object";
import { identityOf, idsOf, type PlanTaskStep } from "../plan-task";
import type { PlanOperation } from "../plan-types";
import { existingRelationship } from "./organization-relationship";

// OnOffSettings: what the relationships share (free/busy with limited details, MailTips, moves,
// archives, message tracking, photos) and where each side's users find Outlook on the web; and
// the on-premises availability address space that sends free/busy questions to Exchange Online.

const SHARED = {
  MailboxMoveEnabled: true,
  FreeBusyAccessEnabled: true,
  FreeBusyAccessLevel: "LimitedDetails",
  ArchiveAccessEnabled: true,
  MailTipsAccessEnabled: true,
  MailTipsAccessLevel: "All",
  DeliveryReportEnabled: true,
  PhotosEnabled: true,
};

function relationshipSettings(context: PlanContext, earlier: readonly PlanOperation[], side: ExchangeSide) {
  const identity = identityOf(earlier, "OrganizationRelationship", side)!;
  const existing = existingRelationship(context, side);
  const owaUrl = side === "OnPremises" ? context.hosts.onlineOwaUrl : `https://${context.ewsHost}/owa`;
  const wish = {
    task: "OnOffSettings" as const,
    side,
    kind: "OrganizationRelationship",
    identity,
    settingsAtCreation: true,
    wanted: { ...SHARED, TargetOwaURL: owaUrl },
    dependsOn: idsOf(earlier, "OrganizationRelationship", side),
  };
  // One created by the task before has none of its settings yet: all are still to write.
  return planObject({ ...wish, existing: existing ?? { Name: identity } });
}

function availabilityAddressSpace(context: PlanContext): PlanOperation[] {
  const forest = context.coexistenceDomain;
  const existing = context.gathered.onPremises.availabilityAddressSpaces.find(
    (space) => space.ForestName.toLowerCase() === forest.toLowerCase(),
  );
  const wanted = { AccessMethod: "InternalProxy", UseServiceAccount: true, ProxyUrl: context.ewsExternalUrl };
  const differing = existing
    ? Object.entries(wanted).filter(
        ([property, value]) => !sameValue(property, existing[property as keyof typeof wanted], value),
      )
    : [];
  if (differing.length > 0) {
    // Exchange has no Set- for an address space: the plan leaves a differing one alone and says so.
    context.notes.push(
      `The availability address space for ${forest} differs from what hybrid free/busy needs (${differing.map(([property]) => property).join(", ")}). Remove it (Remove-AvailabilityAddressSpace) and run the wizard again to recreate it.`,
    );
  }
  return planObject({
    task: "OnOffSettings",
    side: "OnPremises",
    kind: "AvailabilityAddressSpace",
    existing,
    identity: existing?.Identity ?? forest,
    creation: { ForestName: forest },
    settingsAtCreation: true,
    wanted: existing ? {} : wanted,
  });
}

export const planOnOffSettings: PlanTaskStep = (context, earlier) => {
  if (!context.full) return [];
  return [
    ...relationshipSettings(context, earlier, "OnPremises"),
    ...relationshipSettings(context, earlier, "Online"),
    ...availabilityAddressSpace(context),
  ];
};
