import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type {
  PartnerRelationship,
  SetRelationshipStatusRequest,
} from "@/lib/contracts/partner-relationships";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import type { ActingPartner } from "../acting-partner";
import { RELATIONSHIP_SELECT, relationshipView } from "./relationship-view";

/**
 * Suspends, resumes or ends one of the partner's relationships. The technicians' next request in
 * that customer, on any instance, is refused (lib/partners/partner-technician.ts reads the status
 * every time). Ending is for good: a customer ended here is added again, which checks anew. A
 * suspension the customer made (lib/tenants/members/change-tenant-partner.ts) is theirs to lift.
 */
export async function setRelationshipStatus(options: {
  db: Db;
  acting: UserActingContext;
  partner: ActingPartner;
  relationshipId: string;
  request: SetRelationshipStatusRequest;
  now?: Date;
}): Promise<PartnerRelationship> {
  const { db, acting, partner, relationshipId } = options;
  const { status } = options.request;
  return db.$transaction(async (tx) => {
    const current = await tx.partnerTenant.findFirst({
      where: { id: relationshipId, partnerId: partner.partnerId },
      select: {
        status: true,
        suspendedByCustomer: true,
        tenant: { select: { id: true, displayName: true } },
      },
    });
    if (!current) {
      throw new AppError("not_found", "No such customer relationship: reload the Customers page.");
    }
    if (current.status === "ended" && status !== "ended") {
      throw new AppError(
        "conflict",
        `The relationship with ${current.tenant.displayName} has ended: add the customer again, which checks the GDAP relationship anew.`,
      );
    }
    if (current.suspendedByCustomer && status === "active") {
      throw new AppError(
        "conflict",
        `${current.tenant.displayName} suspended your access there: only its owners can resume it (their Members page).`,
      );
    }
    const row = await tx.partnerTenant.update({
      where: { id: relationshipId },
      data: { status, ...(status === "suspended" ? { suspendedByCustomer: false } : {}) },
      select: RELATIONSHIP_SELECT,
    });
    await recordAuditEvent(tx, {
      acting,
      action: `partner.customer_${status === "active" ? "resumed" : status}`,
      targetType: "tenant",
      targetId: current.tenant.id,
      details: { customer: current.tenant.displayName, from: current.status, to: status },
    });
    return relationshipView(row, options.now ?? new Date());
  });
}
