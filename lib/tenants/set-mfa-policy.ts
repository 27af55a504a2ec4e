import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { MfaPolicy } from "@/lib/generated/prisma/enums";

/**
 * Whether people of this tenant must have used MFA to use Hybrid Wizard. Only a Global
 * Administrator who signed in with MFA may change it: weakening sign-in is not for an account
 * that itself got in without MFA.
 */
export async function setMfaPolicy(options: {
  db: Db;
  tenantId: string;
  actor: { userId: string; isGlobalAdministrator: boolean; mfa: boolean };
  mfaPolicy: MfaPolicy;
  ipAddress?: string | null;
}): Promise<void> {
  if (!options.actor.isGlobalAdministrator) {
    throw new AppError(
      "forbidden",
      "Only a Global Administrator of this organization can change its sign-in policy for Hybrid Wizard.",
      { reason: "global_administrator_required" },
    );
  }
  if (!options.actor.mfa) {
    throw new AppError(
      "forbidden",
      "Sign in with multi-factor authentication to change the sign-in policy: it cannot be changed from a session without MFA.",
      { reason: "mfa_required_for_change" },
    );
  }
  await options.db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: options.tenantId } });
    if (before.mfaPolicy === options.mfaPolicy) return;
    await tx.tenant.update({ where: { id: options.tenantId }, data: { mfaPolicy: options.mfaPolicy } });
    await recordAuditEvent(tx, {
      tenantId: options.tenantId,
      actorUserId: options.actor.userId,
      action: "tenant.mfa_policy_changed",
      targetType: "Tenant",
      targetId: options.tenantId,
      details: { from: before.mfaPolicy, to: options.mfaPolicy },
      ipAddress: options.ipAddress,
    });
  });
}
