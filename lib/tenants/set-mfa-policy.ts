import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { MfaPolicy } from "@/lib/generated/prisma/enums";
import type { UserActingContext } from "@/lib/tenants/acting-context";

/**
 * Whether people of the acting tenant must have used MFA to use Hybrid Wizard. Only a Global
 * Administrator who signed in with MFA may change it: weakening sign-in is not for an account
 * that itself got in without MFA. (The directory role, not the tenant role: an owner by
 * membership, once issue 12 brings them, is not thereby the organization's Global Administrator.)
 */
export async function setMfaPolicy(options: {
  db: Db;
  acting: UserActingContext;
  mfaPolicy: MfaPolicy;
}): Promise<void> {
  const { acting, mfaPolicy } = options;
  if (!acting.actor.directoryRoles.includes("GlobalAdministrator")) {
    throw new AppError(
      "forbidden",
      "Only a Global Administrator of this organization can change its sign-in policy for Hybrid Wizard.",
      { reason: "global_administrator_required" },
    );
  }
  if (!acting.actor.mfa) {
    throw new AppError(
      "forbidden",
      "Sign in with multi-factor authentication to change the sign-in policy: it cannot be changed from a session without MFA.",
      { reason: "mfa_required_for_change" },
    );
  }
  // The Tenant row is the tenant itself, not a tenant-owned row: its id is the acting tenant's.
  const where = { id: acting.tenant.id };
  await options.db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where });
    if (before.mfaPolicy === mfaPolicy) return;
    await tx.tenant.update({ where, data: { mfaPolicy } });
    await recordAuditEvent(tx, {
      acting,
      action: "tenant.mfa_policy_changed",
      targetType: "Tenant",
      targetId: acting.tenant.id,
      details: { from: before.mfaPolicy, to: mfaPolicy },
    });
  });
}
