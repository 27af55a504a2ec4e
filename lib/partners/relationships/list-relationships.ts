import type { PartnerRelationshipList } from "@/lib/contracts/partner-relationships";
import type { Db } from "@/lib/db";
import type { ActingPartner } from "../acting-partner";
import { RELATIONSHIP_SELECT, relationshipView } from "./relationship-view";

/**
 * Every relationship the partner has, whatever its status (the Customers page is where a suspended
 * one is resumed and an ended one seen): the partner's own rows, never another partner's.
 */
export async function listRelationships(options: {
  db: Db;
  partner: ActingPartner;
  now?: Date;
}): Promise<PartnerRelationshipList> {
  const rows = await options.db.partnerTenant.findMany({
    where: { partnerId: options.partner.partnerId },
    orderBy: { tenant: { displayName: "asc" } },
    select: RELATIONSHIP_SELECT,
  });
  const now = options.now ?? new Date();
  return {
    partner: { name: options.partner.partnerName },
    relationships: rows.map((row) => relationshipView(row, now)),
  };
}
