import { type DirectoryRole, ROLE_NAMES } from "@/lib/auth/directory-roles";
import type { PartnerRelationship } from "@/lib/contracts/partner-relationships";

// What a delegated (GDAP) relationship's roles let a partner's technicians do in the customer, and
// what to add for the rest. The wizard needs Exchange Administrator; the dedicated Exchange hybrid
// application needs Application Administrator to be created and Privileged Role Administrator for
// its consent (GDAP has no inline consent to enterprise apps, so the role must be in the
// relationship). Global Administrator covers all three.

const WORK: Array<{ work: PartnerRelationship["gaps"][number]["work"]; role: DirectoryRole }> = [
  { work: "wizard", role: "ExchangeAdministrator" },
  { work: "appRegistration", role: "ApplicationAdministrator" },
  { work: "consent", role: "PrivilegedRoleAdministrator" },
];

/** Within this many days of its end a relationship is flagged as lapsing. */
export const LAPSE_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export function roleGaps(roles: readonly DirectoryRole[]): PartnerRelationship["gaps"] {
  if (roles.includes("GlobalAdministrator")) return [];
  return WORK.filter(({ role }) => !roles.includes(role)).map(({ work, role }) => ({
    work,
    missing: ROLE_NAMES[role],
  }));
}

/** Days left when the end is within the warning window (0 or less: it has lapsed), else null. */
export function lapsesInDays(expiresAt: Date | null, now: Date): number | null {
  if (!expiresAt) return null;
  const days = Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS);
  return days <= LAPSE_WARNING_DAYS ? days : null;
}
