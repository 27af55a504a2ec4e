import { cloudDisplayName } from "@/lib/auth/clouds";
import type { MeResponse } from "@/lib/contracts/me";
import type { UserActingContext } from "@/lib/tenants/acting-context";

/** GET /api/me's answer (lib/contracts/me.ts) for the acting user. */
export function toMeResponse({ tenant, actor, role }: UserActingContext): MeResponse {
  return {
    user: { objectId: actor.objectId, upn: actor.upn, displayName: actor.displayName },
    tenant: {
      id: tenant.id,
      entraTenantId: tenant.entraTenantId,
      displayName: tenant.displayName,
      initialDomain: tenant.initialDomain,
      cloud: tenant.cloud,
      cloudDisplayName: cloudDisplayName(tenant.cloud),
      mfaPolicy: tenant.mfaPolicy,
    },
    mfa: actor.mfa,
    directoryRoles: actor.directoryRoles,
    role,
  };
}
