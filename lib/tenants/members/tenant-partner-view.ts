import type { TenantPartner } from "@/lib/contracts/members";
import type { Prisma } from "@/lib/generated/prisma/client";

export const TENANT_PARTNER_SELECT = {
  id: true,
  role: true,
  status: true,
  suspendedByCustomer: true,
  expiresAt: true,
  partner: { select: { name: true } },
} satisfies Prisma.PartnerTenantSelect;

type Row = Prisma.PartnerTenantGetPayload<{ select: typeof TENANT_PARTNER_SELECT }>;

/** A relationship row as the customer's Members page shows it (never an ended one). */
export function tenantPartnerView(row: Row): TenantPartner {
  if (row.status === "ended") throw new Error("an ended relationship is not a tenant's partner");
  return {
    relationshipId: row.id,
    partnerName: row.partner.name,
    role: row.role,
    status: row.status,
    suspendedByCustomer: row.suspendedByCustomer,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}
