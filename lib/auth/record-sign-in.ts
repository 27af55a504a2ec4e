import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import type { UserActingContext } from "@/lib/tenants/acting-context";

/**
 * Records the sign-in the acting user's access token stands for, once per token: `lastSignInAt`
 * moves to the token's issue time and a `user.signed_in` audit row is written in the same
 * transaction, only if that time is newer than the one recorded. The browser calls /api/me on
 * every page load; only a new token (a sign-in, or MSAL's silent renewal) is a new sign-in. The
 * conditional update makes concurrent calls with one token record it once. Returns whether this
 * call recorded it.
 */
export async function recordSignIn(options: { db: Db; acting: UserActingContext }): Promise<boolean> {
  const { acting } = options;
  const { userId, issuedAt, lastSignInAt, mfa, directoryRoles } = acting.actor;
  if (lastSignInAt && lastSignInAt >= issuedAt) return false;
  return options.db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: {
        id: userId,
        homeTenantId: acting.actor.homeTenantId,
        OR: [{ lastSignInAt: null }, { lastSignInAt: { lt: issuedAt } }],
      },
      data: { lastSignInAt: issuedAt },
    });
    if (count === 0) return false;
    await recordAuditEvent(tx, {
      acting,
      action: "user.signed_in",
      targetType: "user",
      targetId: userId,
      details: { mfa, directoryRoles, cloud: acting.tenant.cloud, tokenIssuedAt: issuedAt.toISOString() },
    });
    return true;
  });
}
