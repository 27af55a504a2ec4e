import type { AuditQuery } from "@/lib/contracts/audit";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The filters of an audit query and its cursor (older than it), without the tenant: each caller
 * adds the tenants it may read (the acting one, or a partner's customers), never the client's.
 */
export function auditFilters(query: Omit<AuditQuery, "tenantId">): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (query.actor) {
    where.OR = [
      { actorName: { contains: query.actor, mode: "insensitive" } },
      { actorUpn: { contains: query.actor, mode: "insensitive" } },
    ];
  }
  if (query.action) where.action = { startsWith: query.action };
  if (query.from || query.to) {
    where.at = {
      ...(query.from ? { gte: new Date(query.from) } : {}),
      ...(query.to ? { lt: new Date(query.to) } : {}),
    };
  }
  if (query.cursor) where.id = { lt: BigInt(query.cursor) };
  return where;
}
