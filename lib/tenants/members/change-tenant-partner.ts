import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { ChangeTenantPartnerRequest, TenantPartner } from "@/lib/contracts/members";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { TENANT_PARTNER_SELECT, tenantPartnerView } from "./tenant-partner-view";

/**
 * The tenant's owner decides how far a partner may act here: the most its technicians' role can be,
 * and whether they may act at all for now. A suspension made here is the tenant's: the partner
 * cannot resume it from its side. The partner's own technicians cannot change their access.
 */
export async function changeTenantPartner(options: {
  db: Db;
  acting: UserActingContext;
  relationshipId: string;
  request: ChangeTenantPartnerRequest;
}): Promise<TenantPartner> {
  const { acting, relationshipId, request } = options;
  if (acting.actor.partnerId) {
    throw new AppError(
      "forbidden",
      `Only ${acting.tenant.displayName}'s own owners decide what a partner may do here.`,
      { reason: "partner_cannot_change_own_access" },
    );
  }
  return options.db.$transaction(async (tx) => {
    const before = await tx.partnerTenant.findFirst({
      where: { id: relationshipId, ...tenantScope(acting), status: { not: "ended" } },
      select: TENANT_PARTNER_SELECT,
    });
    if (!before) throw new AppError("not_found", "No such partner here: reload the Members page.");
    const status = request.status;
    const row = await tx.partnerTenant.update({
      where: { id: before.id, ...tenantScope(acting) },
      data: {
        ...(request.role ? { role: request.role } : {}),
        ...(status ? { status, suspendedByCustomer: status === "suspended" } : {}),
      },
      select: TENANT_PARTNER_SELECT,
    });
    await recordAuditEvent(tx, {
      acting,
      action: "tenant.partner_changed",
      targetType: "PartnerTenant",
      targetId: row.id,
      details: {
        partner: row.partner.name,
        role: { from: before.role, to: row.role },
        status: { from: before.status, to: row.status },
      },
    });
    return tenantPartnerView(row);
  });
}
