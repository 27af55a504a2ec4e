import { directoryRolesFromWids } from "@/lib/auth/directory-roles";
import { validateAccessToken } from "@/lib/auth/validate-access-token";
import type { AccessTokenClaims } from "@/lib/auth/verify-access-token";
import type { Db } from "@/lib/db";
import type { Tenant, User } from "@/lib/generated/prisma/client";
import { resolveUserRole } from "@/lib/roles/resolve-user-role";
import { actingTenant, type UserActingContext } from "@/lib/tenants/acting-context";

/**
 * Authenticates the bearer token and says who acts in the token's tenant with what role
 * (lib/roles/resolve-user-role.ts): the acting context every user route hands on. The
 * user's row is created the first time they are seen and kept in step with their name; nothing
 * else is written per request.
 */
export async function authenticateUser(options: {
  db: Db;
  authorization: string | null;
  sourceAddress: string | null;
  userAgent: string | null;
}): Promise<UserActingContext> {
  const { accessToken, tenant, claims, mfa } = await validateAccessToken(options);
  const directoryRoles = directoryRolesFromWids(claims.wids);
  const user = await findOrCreateUser(options.db, tenant, claims);
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
      partnerId: null,
    },
    sourceAddress: options.sourceAddress,
    userAgent: options.userAgent,
  };
  // A partner's technician (`idp` names their home tenant) has a role here only through their
  // partner's relationship with this tenant; until the partner work reads it, there is none.
  const partner = claims.idp ? { membershipRole: null, relationshipRole: null } : null;
  return resolveUserRole({ db: options.db, acting, partner });
}

// User rows are keyed by their home tenant, not scoped by the acting tenant: a partner's
// technician (issue 12) acts in tenants that are not their home.
async function findOrCreateUser(db: Db, tenant: Tenant, claims: AccessTokenClaims): Promise<User> {
  const where = { homeTenantId_objectId: { homeTenantId: tenant.id, objectId: claims.oid } };
  const user = await db.user.findUnique({ where });
  if (user && user.upn === claims.upn && user.displayName === claims.name) return user;
  const names = { upn: claims.upn, displayName: claims.name };
  return db.user.upsert({
    where,
    create: { homeTenantId: tenant.id, objectId: claims.oid, ...names },
    update: names,
  });
}
