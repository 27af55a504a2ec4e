import { type DirectoryRole, directoryRolesFromWids } from "@/lib/auth/directory-roles";
import type { TokenSubject } from "@/lib/auth/token-subject";
import { validateAccessToken } from "@/lib/auth/validate-access-token";
import type { AccessTokenClaims } from "@/lib/auth/verify-access-token";
import type { Db } from "@/lib/db";
import type { Tenant, User } from "@/lib/generated/prisma/client";
import { findPartnerTechnician } from "@/lib/partners/partner-technician";
import { resolveUserRole } from "@/lib/roles/resolve-user-role";
import { actingTenant, type UserActingContext } from "@/lib/tenants/acting-context";

/**
 * Authenticates the bearer token and says who acts in the token's tenant with what role
 * (lib/roles/resolve-user-role.ts): the acting context every user route hands on. A person of the
 * tenant gets their row the first time they are seen, kept in step with their name; a partner's
 * technician (a delegated token) is the row of their home sign-in (lib/partners/partner-technician.ts).
 * Nothing else is written per request.
 */
export async function authenticateUser(options: {
  db: Db;
  authorization: string | null;
  sourceAddress: string | null;
  userAgent: string | null;
}): Promise<UserActingContext> {
  const { accessToken, tenant, claims, mfa } = await validateAccessToken(options);
  const directoryRoles = directoryRolesFromWids(claims.wids);
  const { user, technician } = await whoIs(options.db, tenant, claims, directoryRoles);
  const acting: Omit<UserActingContext, "role"> = {
    tenant: actingTenant(tenant),
    actor: {
      kind: "user",
      userId: user.id,
      homeTenantId: user.homeTenantId,
      objectId: user.objectId,
      upn: user.upn,
      displayName: user.displayName,
      directoryRoles,
      mfa,
      issuedAt: new Date(claims.iat * 1000),
      lastSignInAt: user.lastSignInAt,
      accessToken,
      partnerId: technician?.partnerId ?? null,
    },
    sourceAddress: options.sourceAddress,
    userAgent: options.userAgent,
  };
  return resolveUserRole({ db: options.db, acting, partner: technician?.grant ?? null });
}

/** The person's row, and for a partner's technician what their partner holds here. */
async function whoIs(db: Db, tenant: Tenant, claims: AccessTokenClaims, directoryRoles: DirectoryRole[]) {
  const { subject } = claims;
  if (subject.kind === "member") {
    return { user: await findOrCreateMember(db, tenant, claims, subject), technician: null };
  }
  const technician = await findPartnerTechnician({ db, customer: tenant, directoryRoles, ...subject });
  return { user: technician.user, technician };
}

// User rows are keyed by their home tenant, not scoped by the acting tenant: a partner's
// technician acts in tenants that are not their home, as the row their home sign-in made.
async function findOrCreateMember(
  db: Db,
  tenant: Tenant,
  claims: AccessTokenClaims,
  subject: Extract<TokenSubject, { kind: "member" }>,
): Promise<User> {
  const where = { homeTenantId_objectId: { homeTenantId: tenant.id, objectId: subject.objectId } };
  const user = await db.user.findUnique({ where });
  const names = { upn: claims.upn, displayName: claims.name, puid: subject.puid ?? user?.puid ?? null };
  const current =
    user?.upn === names.upn && user.displayName === names.displayName && user.puid === names.puid;
  if (user && current) return user;
  return db.user.upsert({
    where,
    create: { homeTenantId: tenant.id, objectId: subject.objectId, ...names },
    update: names,
  });
}
