import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/**
 * Called in a member change's transaction after its write, under `lockMembers`: a tenant with
 * members keeps at least one owner, or the change is rolled back (409), since no one would be left
 * to manage its members. Removing the last owner is refused even when no one else is left: that
 * would quietly hand the tenant back to Entra's directory roles.
 */
export async function assertOwnerRemains(tx: Prisma.TransactionClient, acting: ActingContext): Promise<void> {
  const owners = await tx.membership.count({ where: { ...tenantScope(acting), role: "owner" } });
  if (owners > 0) return;
  throw new AppError(
    "conflict",
    `${acting.tenant.displayName} must keep at least one owner: make someone else an owner first.`,
    { reason: "last_owner" },
  );
}
