import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { assertOwnerRemains } from "./assert-owner-remains";
import { findMember } from "./find-member";
import { lockMembers } from "./lock-members";

/** Removes a member: refused at their next request. The tenant's last owner cannot be removed (409). */
export async function removeMember(options: {
  db: Db;
  acting: ActingContext;
  memberId: string;
}): Promise<void> {
  const { acting, memberId } = options;
  await options.db.$transaction(async (tx) => {
    await lockMembers(tx, acting);
    const member = await findMember(tx, acting, memberId);
    await tx.membership.delete({ where: { id: member.id, ...tenantScope(acting) } });
    await assertOwnerRemains(tx, acting);
    await recordAuditEvent(tx, {
      acting,
      action: "member.removed",
      targetType: "Membership",
      targetId: member.id,
      details: { userId: member.userId, upn: member.user.upn, role: member.role },
    });
  });
}
