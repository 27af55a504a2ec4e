import type { MemberListResponse } from "@/lib/contracts/members";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { memberView } from "./member-view";
import { TENANT_PARTNER_SELECT, tenantPartnerView } from "./tenant-partner-view";

/**
 * The acting tenant's members, owners first, the people of the tenant who could be added, and the
 * partners acting here through a relationship that has not ended.
 */
export async function listMembers(options: { db: Db; acting: ActingContext }): Promise<MemberListResponse> {
  const { db, acting } = options;
  const rows = await db.membership.findMany({
    where: tenantScope(acting),
    include: { user: true },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
  // Users are keyed by their home tenant, not owned by it: a tenant's own people are those at home there.
  const others = await db.user.findMany({
    where: { homeTenantId: acting.tenant.id, memberships: { none: tenantScope(acting) } },
    orderBy: { upn: "asc" },
    take: 500,
  });
  const partners = await db.partnerTenant.findMany({
    where: { ...tenantScope(acting), status: { not: "ended" } },
    select: TENANT_PARTNER_SELECT,
    orderBy: { createdAt: "asc" },
  });
  return {
    members: rows.map(memberView),
    candidates: others.map((user) => ({ userId: user.id, upn: user.upn, displayName: user.displayName })),
    partners: partners.map(tenantPartnerView),
  };
}
