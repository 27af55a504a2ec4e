import type { Prisma } from "@/lib/generated/prisma/client";

// The one rule of what a partner sees: customers it has an **active** delegated relationship with.
// Every list, count, search and event of the partner dashboard filters through these two, in the
// query itself, so a pending, suspended or ended relationship shows nothing — not a row, not a count.

/** A partner acting across its customers (lib/partners/acting-partner.ts). */
export interface PartnerScope {
  partnerId: string;
}

/** `where` on Tenant: the partner's customers. */
export function partnerCustomersWhere(scope: PartnerScope): Prisma.TenantWhereInput {
  return { partnerLinks: { some: { partnerId: scope.partnerId, status: "active" } } };
}

/**
 * Spread into the `where` of a tenant-owned model read across customers (as tenantScope(acting)
 * is for one tenant): only rows of the partner's customers.
 */
export function partnerScope(
  scope: PartnerScope,
  /** Narrows the customers further (a search, a cloud): never widens them. */
  among?: Prisma.TenantWhereInput,
): { tenant: Prisma.TenantWhereInput } {
  return { tenant: among ? { AND: [partnerCustomersWhere(scope), among] } : partnerCustomersWhere(scope) };
}
