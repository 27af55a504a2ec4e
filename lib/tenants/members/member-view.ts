import type { Member } from "@/lib/contracts/members";
import type { Membership, User } from "@/lib/generated/prisma/client";

/** A membership row with its user, as the Members page shows it. */
export function memberView(row: Membership & { user: User }): Member {
  return {
    id: row.id,
    userId: row.userId,
    upn: row.user.upn,
    displayName: row.user.displayName,
    role: row.role,
    addedAt: row.createdAt.toISOString(),
    lastSignInAt: row.user.lastSignInAt?.toISOString() ?? null,
  };
}
