"use client";

import { useSession } from "@/components/auth/SessionProvider";
import type { Role } from "@/lib/generated/prisma/enums";
import { roleAtLeast } from "@/lib/roles/roles";

/**
 * Whether the signed-in person's role (from /api/me) reaches `required`: pages leave out what the
 * API would refuse them. The API enforces it regardless (lib/roles/assert-role.ts).
 */
export function useRoleAtLeast(required: Role): boolean {
  const { state } = useSession();
  return state.status === "signed-in" && roleAtLeast(state.me.role, required);
}
