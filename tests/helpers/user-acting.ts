import type { Tenant, User } from "@/lib/generated/prisma/client";
import { actingTenant, type UserActingContext } from "@/lib/tenants/acting-context";

/**
 * The acting context `userRoute` would build for `user` in `tenant` with `accessToken`, for tests
 * that call `lib/` directly (on-behalf-of, token cache): a Global Administrator who used MFA.
 */
export function userActing(options: { tenant: Tenant; user: User; accessToken: string }): UserActingContext {
  const { tenant, user } = options;
  return {
    tenant: actingTenant(tenant),
    actor: {
      kind: "user",
      userId: user.id,
      homeTenantId: user.homeTenantId,
      objectId: user.objectId,
      upn: user.upn,
      displayName: user.displayName,
      directoryRoles: ["GlobalAdministrator"],
      mfa: true,
      issuedAt: new Date(),
      lastSignInAt: user.lastSignInAt,
      accessToken: options.accessToken,
      partnerId: null,
    },
    role: "owner",
    sourceAddress: null,
    userAgent: null,
  };
}
