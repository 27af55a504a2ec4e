import { AppError } from "@/lib/errors";

// The Entra directory roles Hybrid Wizard cares about, by the template ids Entra puts in the
// access token's `wids` claim (the same in every tenant and cloud). The HCW needs an account that
// may change organization-wide Exchange settings: Global Administrator or Exchange Administrator.
// The dedicated Exchange hybrid application (lib/graph/) also asks for Application Administrator
// (to create it) and Privileged Role Administrator (to grant its consent).

export const DIRECTORY_ROLE_TEMPLATE_IDS = {
  GlobalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  ExchangeAdministrator: "29232cdf-9323-42fd-ade2-1d097af3e4de",
  ApplicationAdministrator: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
  PrivilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
} as const;

export type DirectoryRole = keyof typeof DIRECTORY_ROLE_TEMPLATE_IDS;

export const ROLE_NAMES: Record<DirectoryRole, string> = {
  GlobalAdministrator: "Global Administrator",
  ExchangeAdministrator: "Exchange Administrator",
  ApplicationAdministrator: "Application Administrator",
  PrivilegedRoleAdministrator: "Privileged Role Administrator",
};

/** Either lets an admin use Hybrid Wizard at all. */
const EXCHANGE_ADMIN_ROLES: readonly DirectoryRole[] = ["GlobalAdministrator", "ExchangeAdministrator"];

/** The roles among `wids` that Hybrid Wizard knows; other role ids are ignored. */
export function directoryRolesFromWids(wids: readonly string[]): DirectoryRole[] {
  const held = new Set(wids.map((id) => id.toLowerCase()));
  return (Object.keys(DIRECTORY_ROLE_TEMPLATE_IDS) as DirectoryRole[]).filter((role) =>
    held.has(DIRECTORY_ROLE_TEMPLATE_IDS[role]),
  );
}

/** Refuses (403) a user who holds neither Exchange admin role in the tenant, saying who may fix it and how. */
export function assertExchangeAdmin(options: {
  roles: readonly DirectoryRole[];
  userName: string;
  tenantName: string;
}): void {
  if (options.roles.some((role) => EXCHANGE_ADMIN_ROLES.includes(role))) return;
  throw new AppError(
    "forbidden",
    `${options.userName} is not a ${ROLE_NAMES.GlobalAdministrator} or ${ROLE_NAMES.ExchangeAdministrator} of ${options.tenantName}. Hybrid Wizard needs one of these roles: ask a ${ROLE_NAMES.GlobalAdministrator} to assign ${ROLE_NAMES.ExchangeAdministrator}, then sign in again.`,
    { reason: "admin_role_required", requiredRoles: [...EXCHANGE_ADMIN_ROLES] },
  );
}

/**
 * Hybrid Wizard's role for a tenant's own administrator, until memberships say otherwise (issue 12):
 * a Global Administrator owns the tenant here, an Exchange Administrator operates the wizard.
 */
export function tenantRoleOf(roles: readonly DirectoryRole[]): "owner" | "operator" {
  return roles.includes("GlobalAdministrator") ? "owner" : "operator";
}
