import type { AuditPage, AuditQuery } from "@/lib/contracts/audit";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/** Which audit rows a page may read (`where`, never from the client) and the tenants it may filter by. */
export interface AuditScope {
  where: Prisma.AuditEventWhereInput;
  tenants: AuditPage["tenants"];
}

/** The acting tenant's own audit trail. */
export function tenantAuditScope(acting: ActingContext): AuditScope {
  return {
    where: tenantScope(acting),
    tenants: [{ id: acting.tenant.id, displayName: acting.tenant.displayName }],
  };
}

/**
 * The audit trail across the customers of the partner whose home the acting tenant is: active
 * relationships only, so an ended or suspended one drops out at once; `query.tenantId` narrows
 * it to one of them and can name nothing outside them.
 */
export async function partnerAuditScope(options: {
  db: Db;
  acting: ActingContext;
  query: AuditQuery;
}): Promise<AuditScope> {
  const { db, acting, query } = options;
  // A partner is found by its home tenant, the acting one: Partner is not a tenant-owned row.
  const partner = await db.partner.findUnique({ where: { homeTenantId: acting.tenant.id } });
  if (!partner) {
    throw new AppError("not_found", `${acting.tenant.displayName} is not a partner in Hybrid Wizard.`, {
      reason: "not_a_partner",
    });
  }
  const links = await db.partnerTenant.findMany({
    where: { partnerId: partner.id, status: "active" },
    include: { tenant: { select: { id: true, displayName: true } } },
    orderBy: { tenant: { displayName: "asc" } },
  });
  const tenants = links.map((link) => link.tenant);
  const ids = tenants.map((tenant) => tenant.id).filter((id) => !query.tenantId || id === query.tenantId);
  return { where: { tenantId: { in: ids } }, tenants };
}
