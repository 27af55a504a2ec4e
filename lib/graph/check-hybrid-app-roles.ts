import { type DirectoryRole, ROLE_NAMES } from "@/lib/auth/directory-roles";
import { actingAdmin } from "@/lib/graph/connect-graph";
import type { ActingContext } from "@/lib/tenants/acting-context";

// Before a plan creates the dedicated Exchange hybrid application: may the admin do each step?
// Entra lets a Global or Application Administrator create the app and its service principal, and
// a Global or Privileged Role Administrator grant its admin consent (full_access_as_app).

export interface HybridAppRoleStep {
  /** What the step does, in an admin's words. */
  step: string;
  allowed: boolean;
  /** Any one of these is enough. */
  rolesThatAllow: DirectoryRole[];
}

export interface HybridAppRoleCheck {
  createApplication: HybridAppRoleStep;
  grantConsent: HybridAppRoleStep;
  /** Every step allowed. */
  ready: boolean;
  /** What is missing and what to do, plainly; undefined when ready. */
  missing: string | undefined;
}

const either = (roles: DirectoryRole[]) => roles.map((role) => ROLE_NAMES[role]).join(" or ");

function stepFor(
  held: readonly DirectoryRole[],
  step: string,
  rolesThatAllow: DirectoryRole[],
): HybridAppRoleStep {
  return { step, allowed: rolesThatAllow.some((role) => held.includes(role)), rolesThatAllow };
}

/** Which of the roles the hybrid application needs the acting admin holds (from their token's `wids`). */
export function checkHybridAppRoles(options: { acting: ActingContext }): HybridAppRoleCheck {
  const admin = actingAdmin(options.acting).actor;
  const roles = admin.directoryRoles;
  const createApplication = stepFor(roles, "create the Exchange hybrid application", [
    "GlobalAdministrator",
    "ApplicationAdministrator",
  ]);
  const grantConsent = stepFor(roles, "grant it admin consent to full_access_as_app", [
    "GlobalAdministrator",
    "PrivilegedRoleAdministrator",
  ]);
  const denied = [createApplication, grantConsent].filter((check) => !check.allowed);
  const missing = denied.length
    ? `${admin.displayName} cannot ${denied.map((check) => `${check.step} (needs ${either(check.rolesThatAllow)})`).join(" or ")} in ${options.acting.tenant.displayName}. Ask a ${ROLE_NAMES.GlobalAdministrator} to assign the missing role and sign in again, or to do ${denied.length > 1 ? "these steps" : "this step"} for you.`
    : undefined;
  return { createApplication, grantConsent, ready: denied.length === 0, missing };
}
