import type { DirectoryRole } from "@/lib/auth/directory-roles";
import { DIRECTORY_ROLES } from "@/lib/auth/directory-roles";
import type { PartnerRelationship } from "@/lib/contracts/partner-relationships";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lapsesInDays, roleGaps } from "./role-gaps";

/** What a relationship row is read with for its view. */
export const RELATIONSHIP_SELECT = {
  id: true,
  status: true,
  suspendedByCustomer: true,
  role: true,
  gdapRoles: true,
  expiresAt: true,
  checkedAt: true,
  tenant: { select: { id: true, entraTenantId: true, displayName: true, initialDomain: true, cloud: true } },
} satisfies Prisma.PartnerTenantSelect;

type RelationshipRow = Prisma.PartnerTenantGetPayload<{ select: typeof RELATIONSHIP_SELECT }>;

const isDirectoryRole = (role: string): role is DirectoryRole => (DIRECTORY_ROLES as string[]).includes(role);

export function relationshipView(row: RelationshipRow, now: Date): PartnerRelationship {
  const gdapRoles = row.gdapRoles.filter(isDirectoryRole);
  return {
    id: row.id,
    tenantId: row.tenant.id,
    entraTenantId: row.tenant.entraTenantId,
    displayName: row.tenant.displayName,
    initialDomain: row.tenant.initialDomain,
    cloud: row.tenant.cloud,
    status: row.status,
    suspendedByCustomer: row.suspendedByCustomer,
    role: row.role,
    gdapRoles,
    // Not checked yet: nothing is known to be missing.
    gaps: row.checkedAt ? roleGaps(gdapRoles) : [],
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lapsesInDays: lapsesInDays(row.expiresAt, now),
    checkedAt: row.checkedAt?.toISOString() ?? null,
  };
}
