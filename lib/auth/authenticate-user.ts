import { assertExchangeAdmin, type DirectoryRole, directoryRolesFromWids } from "@/lib/auth/directory-roles";
import { validateAccessToken } from "@/lib/auth/validate-access-token";
import type { AccessTokenClaims } from "@/lib/auth/verify-access-token";
import type { Db } from "@/lib/db";
import type { Tenant, User } from "@/lib/generated/prisma/client";

/** Who is calling, for which tenant, with what: what every user route gets. */
export interface UserPrincipal {
  /** The tenant the token was issued by (`tid`): everything the request touches is scoped to it. */
  tenant: Tenant;
  user: User;
  claims: { oid: string; tid: string; upn: string; name: string };
  mfa: boolean;
  directoryRoles: DirectoryRole[];
  /** The raw access token, for on-behalf-of. Never log or store it. */
  accessToken: string;
  /** When Entra issued the token (`iat`): the sign-in it stands for. */
  issuedAt: Date;
}

/**
 * Authenticates the bearer token and requires a Global Administrator or Exchange Administrator of
 * the token's tenant. The user's row is created the first time they are seen and kept in step
 * with their name; nothing else is written per request.
 */
export async function authenticateUser(options: {
  db: Db;
  authorization: string | null;
}): Promise<UserPrincipal> {
  const { accessToken, tenant, claims, mfa } = await validateAccessToken(options);
  const directoryRoles = directoryRolesFromWids(claims.wids);
  assertExchangeAdmin({ roles: directoryRoles, userName: claims.name, tenantName: tenant.displayName });
  return {
    tenant,
    user: await findOrCreateUser(options.db, tenant, claims),
    claims: { oid: claims.oid, tid: claims.tid, upn: claims.upn, name: claims.name },
    mfa,
    directoryRoles,
    accessToken,
    issuedAt: new Date(claims.iat * 1000),
  };
}

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
