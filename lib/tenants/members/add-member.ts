import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Member } from "@/lib/contracts/members";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { assertOwnerRemains } from "./assert-owner-remains";
import { lockMembers } from "./lock-members";
import { memberView } from "./member-view";

/**
 * Makes a person of the acting tenant (one who has signed in to Hybrid Wizard) a member with
 * `role`. The first member ends the fallback to Entra's directory roles for everyone, so when the
 * tenant has none yet the acting owner, if they are the tenant's own, is made an owner with it.
 */
export async function addMember(options: {
  db: Db;
  acting: ActingContext;
  userId: string;
  role: Role;
}): Promise<Member> {
  const { acting, userId, role } = options;
  return options.db.$transaction(async (tx) => {
    await lockMembers(tx, acting);
    const user = await tx.user.findFirst({ where: { id: userId, homeTenantId: acting.tenant.id } });
    if (!user) {
      throw new AppError(
        "not_found",
        `No one of ${acting.tenant.displayName} with this id has signed in to Hybrid Wizard: ask them to sign in once, then add them.`,
      );
    }
    if (await tx.membership.findFirst({ where: { ...tenantScope(acting), userId } })) {
      throw new AppError("conflict", `${user.displayName} is already a member: change their role instead.`, {
        reason: "already_a_member",
      });
    }
    await addActingOwnerFirst(tx, acting, userId);
    const member = await createMembership(tx, acting, userId, role, false);
    await assertOwnerRemains(tx, acting);
    return member;
  });
}

async function addActingOwnerFirst(tx: Prisma.TransactionClient, acting: ActingContext, adding: string) {
  const { actor } = acting;
  if (actor.kind !== "user" || actor.homeTenantId !== acting.tenant.id || actor.userId === adding) return;
  if (await tx.membership.findFirst({ where: tenantScope(acting), select: { id: true } })) return;
  await createMembership(tx, acting, actor.userId, "owner", true);
}

async function createMembership(
  tx: Prisma.TransactionClient,
  acting: ActingContext,
  userId: string,
  role: Role,
  firstOwner: boolean,
): Promise<Member> {
  const row = await tx.membership.create({
    data: { ...tenantScope(acting), userId, role },
    include: { user: true },
  });
  await recordAuditEvent(tx, {
    acting,
    action: "member.added",
    targetType: "Membership",
    targetId: row.id,
    details: { userId, upn: row.user.upn, displayName: row.user.displayName, role, firstOwner },
  });
  return memberView(row);
}
