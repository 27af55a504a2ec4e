import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { ROLE_LABELS, roleAtLeast } from "@/lib/roles/roles";
import type { UserActingContext } from "@/lib/tenants/acting-context";

/**
 * Refuses (403 `role_required`) a person whose role in the acting tenant is below what the route
 * declared, and audits the refused attempt: the one place a route's role is enforced (`userRoute`).
 */
export async function assertRole(options: {
  db: Db;
  acting: UserActingContext;
  required: Role;
  /** What was attempted, for the audit row: "POST /api/wizard/runs/…/confirm". */
  attempted: string;
}): Promise<void> {
  const { db, acting, required } = options;
  if (roleAtLeast(acting.role, required)) return;
  await db.$transaction((tx) =>
    recordAuditEvent(tx, {
      acting,
      action: "access.refused",
      targetType: "route",
      targetId: options.attempted,
      result: "refused",
      details: { reason: "role_required", role: acting.role, requiredRole: required },
    }),
  );
  throw new AppError(
    "forbidden",
    `This needs the ${ROLE_LABELS[required]} role in ${acting.tenant.displayName}; ${acting.actor.displayName} is ${article(acting.role)} ${ROLE_LABELS[acting.role]}. An owner can change roles on the Members page.`,
    { reason: "role_required", role: acting.role, requiredRole: required },
  );
}

function article(role: Role): string {
  return role === "operator" || role === "owner" ? "an" : "a";
}
