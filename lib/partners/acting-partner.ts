import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import type { PartnerScope } from "./partner-scope";

/** The partner a signed-in technician works for, and who they are (what a check acts as). */
export interface ActingPartner extends PartnerScope {
  partnerName: string;
  user: {
    userId: string;
    objectId: string;
    upn: string;
    displayName: string;
    /** Entra's id of the partner's tenant, where the technician's account lives. */
    homeEntraTenantId: string;
  };
}

/**
 * The partner of the acting user: the one the acting context names (a technician acting for a
 * customer), else the partner whose home tenant is the user's. Anyone else is refused.
 */
export async function actingPartner(options: { db: Db; acting: UserActingContext }): Promise<ActingPartner> {
  const { actor } = options.acting;
  const partner = await options.db.partner.findFirst({
    where: actor.partnerId ? { id: actor.partnerId } : { homeTenantId: actor.homeTenantId },
    select: { id: true, name: true, homeTenant: { select: { entraTenantId: true } } },
  });
  if (!partner) {
    throw new AppError(
      "forbidden",
      "The partner dashboard is for a partner's technicians: sign in with your account in your partner organization's tenant.",
      { reason: "not_a_partner" },
    );
  }
  return {
    partnerId: partner.id,
    partnerName: partner.name,
    user: {
      userId: actor.userId,
      objectId: actor.objectId,
      upn: actor.upn,
      displayName: actor.displayName,
      homeEntraTenantId: partner.homeTenant.entraTenantId,
    },
  };
}
