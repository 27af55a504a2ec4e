import type { DirectoryRole } from "@/lib/auth/directory-roles";
import { rejectToken } from "@/lib/auth/token-rejection";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Tenant, User } from "@/lib/generated/prisma/client";
import type { PartnerGrant } from "@/lib/roles/resolve-user-role";
import { directoryDefaultRole } from "@/lib/roles/roles";

/** A partner's technician acting in a customer, as this request found them. */
export interface PartnerTechnician {
  user: User;
  partnerId: string;
  grant: PartnerGrant;
}

/**
 * Who a delegated (GDAP) token is about, read afresh on every request so that a relationship ended
 * or suspended bites on the next one, on every instance: the partner whose home tenant the token's
 * `idp` names, its active relationship with the acting tenant (if any), and the technician's own
 * row, found by their home tenant and home account (they have no object in the customer's
 * directory). The row is the one their home sign-in made: one person, one row, whichever customer
 * they act in.
 */
export async function findPartnerTechnician(options: {
  db: Db;
  customer: Tenant;
  homeEntraTenantId: string;
  homePuid: string;
  directoryRoles: DirectoryRole[];
}): Promise<PartnerTechnician> {
  const { db, customer } = options;
  const partner = await db.partner.findFirst({
    where: { homeTenant: { entraTenantId: options.homeEntraTenantId } },
    select: {
      id: true,
      name: true,
      homeTenantId: true,
      customers: { where: { tenantId: customer.id, status: "active" }, select: { role: true } },
      _count: { select: { memberships: true } },
    },
  });
  if (!partner) {
    throw new AppError(
      "forbidden",
      `Your organization is not a partner in Hybrid Wizard, so it cannot act in ${customer.displayName}: sign in with an account of ${customer.displayName}.`,
      { reason: "no_partner_relationship" },
    );
  }
  const user = await db.user.findUnique({
    where: { homeTenantId_puid: { homeTenantId: partner.homeTenantId, puid: options.homePuid } },
  });
  if (!user) {
    throw rejectToken(
      "unknown_partner_user",
      `Sign in to Hybrid Wizard with your account at ${partner.name} first, then choose ${customer.displayName} from the customer menu.`,
    );
  }
  const membership = await db.membership.findUnique({
    where: { userId_partnerId: { userId: user.id, partnerId: partner.id } },
    select: { role: true },
  });
  // A partner no one has been made a member of yet: its technicians' role follows the roles the
  // relationship gives them in the customer, as a new tenant's admins' follows their own.
  const membershipRole =
    membership?.role ??
    (partner._count.memberships === 0 ? directoryDefaultRole(options.directoryRoles) : null);
  return {
    user,
    partnerId: partner.id,
    // No active relationship: resolveUserRole refuses, and audits the attempt.
    grant: { membershipRole, relationshipRole: partner.customers[0]?.role ?? null },
  };
}
