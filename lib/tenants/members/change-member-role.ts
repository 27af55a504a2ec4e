import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Member } from "@/lib/contracts/members";
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { assertOwnerRemains } from "./assert-owner-remains";
import { findMember } from "./find-member";
import { lockMembers } from "./lock-members";
import { memberView } from "./member-view";

/** Changes a member's role; the tenant's last owner cannot be made anything else (409). */
export async function changeMemberRole(options: {
  db: Db;
  acting: ActingContext;
  memberId: string;
  role: Role;
}): Promise<Member> {
  const { acting, memberId, role } = options;
  return options.db.$transaction(async (tx) => {
    await lockMembers(tx, acting);
    const before = await findMember(tx, acting, memberId);
    if (before.role === role) return memberView(before);
    const row = await tx.membership.update({
      where: { id: before.id, ...tenantScope(acting) },
      data: { role },
      include: { user: true },
    });
    await assertOwnerRemains(tx, acting);
    await recordAuditEvent(tx, {
      acting,
      action: "member.role_changed",
      targetType: "Membership",
      targetId: row.id,
      details: { userId: row.userId, upn: row.user.upn, from: before.role, to: role },
    });
    return memberView(row);
  });
}
