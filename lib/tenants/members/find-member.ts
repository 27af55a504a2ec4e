import { AppError } from "@/lib/errors";
import type { Membership, Prisma, User } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/** A member of the acting tenant, or 404: another tenant's member ids find nothing. */
export async function findMember(
  tx: Prisma.TransactionClient,
  acting: ActingContext,
  memberId: string,
): Promise<Membership & { user: User }> {
  const member = await tx.membership.findFirst({
    where: { id: memberId, ...tenantScope(acting) },
    include: { user: true },
  });
  if (!member) throw new AppError("not_found", "There is no member with this id in this organization.");
  return member;
}
