import type { DirectoryRole } from "@/lib/auth/directory-roles";
import type { Role } from "@/lib/generated/prisma/enums";

// Hybrid Wizard's roles in a tenant, weakest first: a viewer reads runs, plans, logs and the
// audit trail; an operator also runs the wizard, pairs agents and runs health checks; an owner
// also manages members, the sign-in policy and agents. Each role can do everything below it.
const RANK: Record<Role, number> = { viewer: 0, operator: 1, owner: 2 };

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", operator: "Operator", viewer: "Viewer" };

export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** The weaker of two roles: a partner's technician has no more in a customer than either grant gives. */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

/** Entra roles that may change Exchange's organization-wide settings. */
const CHANGES_EXCHANGE: readonly DirectoryRole[] = ["GlobalAdministrator", "ExchangeAdministrator"];

/**
 * The role a tenant's own person has while the tenant has no members yet: a Global Administrator
 * owns it, an Exchange Administrator operates, a Global Reader views; anyone else has none.
 */
export function directoryDefaultRole(directoryRoles: readonly DirectoryRole[]): Role | null {
  if (directoryRoles.includes("GlobalAdministrator")) return "owner";
  if (directoryRoles.includes("ExchangeAdministrator")) return "operator";
  if (directoryRoles.includes("GlobalReader")) return "viewer";
  return null;
}

/**
 * Entra's directory roles stay a precondition for changing Exchange: whatever a membership says,
 * a person whose token carries neither Global nor Exchange Administrator acts as a viewer, since
 * Exchange would refuse their writes anyway and the wizard should not offer them.
 */
export function capByDirectoryRoles(role: Role, directoryRoles: readonly DirectoryRole[]): Role {
  return directoryRoles.some((held) => CHANGES_EXCHANGE.includes(held)) ? role : lowerRole(role, "viewer");
}
