import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ROLE_NAMES } from "@/lib/auth/directory-roles";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { capByDirectoryRoles, directoryDefaultRole, lowerRole } from "@/lib/roles/roles";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/** What a partner's technician holds for the customer they act in (docs/ARCHITECTURE.md, "Roles"). */
export interface PartnerGrant {
  /** Their role in the partner's own Membership; null when they are not a member of the partner. */
  membershipRole: Role | null;
  /** The role of the partner's active relationship (PartnerTenant) with this tenant; null when none is active. */
  relationshipRole: Role | null;
}

/**
 * The acting person's role in the acting tenant, decided once per request:
 * - a partner's technician: the lower of their partner Membership's role and the relationship's;
 * - a tenant's own person: their Membership's role; a tenant no one has been made a member of yet
 *   falls back to Entra's directory roles (Global Administrator owner, Exchange Administrator
 *   operator, Global Reader viewer), so a new tenant's admins are not locked out;
 * - either way no more than viewer without Global or Exchange Administrator in Entra.
 * A person with no role is refused (403) with what would give them one, and the refusal is audited.
 */
export async function resolveUserRole(options: {
  db: Db;
  acting: Omit<UserActingContext, "role">;
  partner: PartnerGrant | null;
}): Promise<UserActingContext> {
  const { db, acting, partner } = options;
  const granted = partner ? partnerRole(partner, acting) : await ownRole(db, acting);
  if ("refusal" in granted) {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, {
        acting,
        action: "access.refused",
        targetType: "tenant",
        targetId: acting.tenant.id,
        result: "refused",
        details: { reason: granted.refusal.details?.reason ?? null },
      }),
    );
    throw granted.refusal;
  }
  return { ...acting, role: capByDirectoryRoles(granted.role, acting.actor.directoryRoles) };
}

type Granted = { role: Role } | { refusal: AppError };

function partnerRole(partner: PartnerGrant, acting: Omit<UserActingContext, "role">): Granted {
  const { displayName } = acting.actor;
  const tenantName = acting.tenant.displayName;
  if (!partner.relationshipRole) {
    return refuse(
      "no_partner_relationship",
      `${displayName}'s organization has no active relationship with ${tenantName} in Hybrid Wizard. A partner admin adds ${tenantName} as a customer first.`,
    );
  }
  if (!partner.membershipRole) {
    return refuse(
      "not_a_partner_member",
      `${displayName} has no role in their partner organization in Hybrid Wizard. Ask one of its owners to add them on its Members page.`,
    );
  }
  return { role: lowerRole(partner.membershipRole, partner.relationshipRole) };
}

async function ownRole(db: Db, acting: Omit<UserActingContext, "role">): Promise<Granted> {
  const mine = await db.membership.findFirst({
    where: { ...tenantScope(acting), userId: acting.actor.userId },
  });
  if (mine) return { role: mine.role };
  const { displayName } = acting.actor;
  const tenantName = acting.tenant.displayName;
  if (await db.membership.findFirst({ where: { ...tenantScope(acting) }, select: { id: true } })) {
    return refuse(
      "not_a_member",
      `${displayName} is not a member of ${tenantName} in Hybrid Wizard. Ask one of its owners to add them on the Members page.`,
    );
  }
  const role = directoryDefaultRole(acting.actor.directoryRoles);
  if (role) return { role };
  return refuse(
    "admin_role_required",
    `${displayName} is not a ${ROLE_NAMES.GlobalAdministrator}, ${ROLE_NAMES.ExchangeAdministrator} or ${ROLE_NAMES.GlobalReader} of ${tenantName}. Hybrid Wizard needs one of these roles: ask a ${ROLE_NAMES.GlobalAdministrator} to assign one, then sign in again.`,
    { requiredRoles: ["GlobalAdministrator", "ExchangeAdministrator", "GlobalReader"] },
  );
}

function refuse(reason: string, message: string, details: Record<string, unknown> = {}): Granted {
  return { refusal: new AppError("forbidden", message, { reason, ...details }) };
}
