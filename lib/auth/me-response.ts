import { cloudDisplayName } from "@/lib/auth/clouds";
import type { MeResponse } from "@/lib/contracts/me";
import type { Db } from "@/lib/db";
import type { UserActingContext } from "@/lib/tenants/acting-context";

/** GET /api/me's answer (lib/contracts/me.ts) for the acting user. */
export async function meResponse(db: Db, acting: UserActingContext): Promise<MeResponse> {
  const { tenant, actor, role } = acting;
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
    partner: await partnerOf(db, acting),
  };
}

// The partner a customer's delegated token named, else the one whose home is the acting tenant.
async function partnerOf(db: Db, { tenant, actor }: UserActingContext): Promise<MeResponse["partner"]> {
  const partner = await db.partner.findFirst({
    where: actor.partnerId ? { id: actor.partnerId } : { homeTenantId: tenant.id },
    select: { name: true },
  });
  return partner ? { name: partner.name, actingInCustomer: actor.partnerId !== null } : null;
}
