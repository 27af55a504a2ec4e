import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { UserPrincipal } from "@/lib/auth/authenticate-user";
import type { Db } from "@/lib/db";

/**
 * Records the sign-in an access token stands for, once per token: `lastSignInAt` moves to the
 * token's issue time and a `user.signed_in` audit row is written in the same transaction, only if
 * that time is newer than the one recorded. The browser calls /api/me on every page load; only a
 * new token (a sign-in, or MSAL's silent renewal) is a new sign-in. The conditional update makes
 * concurrent calls with one token record it once. Returns whether this call recorded it.
 */
export async function recordSignIn(options: {
  db: Db;
  principal: UserPrincipal;
  ipAddress: string;
  userAgent: string | null;
}): Promise<boolean> {
  const { tenant, user, issuedAt, mfa, directoryRoles } = options.principal;
  if (user.lastSignInAt && user.lastSignInAt >= issuedAt) return false;
  return options.db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: {
        id: user.id,
        homeTenantId: tenant.id,
        OR: [{ lastSignInAt: null }, { lastSignInAt: { lt: issuedAt } }],
      },
      data: { lastSignInAt: issuedAt },
    });
    if (count === 0) return false;
    await recordAuditEvent(tx, {
      tenantId: tenant.id,
      actorUserId: user.id,
      action: "user.signed_in",
      targetType: "user",
      targetId: user.id,
      details: { mfa, directoryRoles, cloud: tenant.cloud, tokenIssuedAt: issuedAt.toISOString() },
      ipAddress: options.ipAddress,
      userAgent: options.userAgent,
    });
    return true;
  });
}
