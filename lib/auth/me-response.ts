import { z } from "zod";
import { cloudDisplayName } from "@/lib/auth/clouds";
import { DIRECTORY_ROLE_TEMPLATE_IDS, type DirectoryRole } from "@/lib/auth/directory-roles";
import { Cloud, MfaPolicy, Role } from "@/lib/generated/prisma/enums";
import type { UserActingContext } from "@/lib/tenants/acting-context";

/** GET /api/me: who is signed in, to which tenant, in which cloud; the Exchange Online credential card shows it. */
export const ZMeResponse = z.object({
  user: z.object({ objectId: z.guid(), upn: z.string(), displayName: z.string() }),
  tenant: z.object({
    id: z.guid(),
    entraTenantId: z.guid(),
    displayName: z.string(),
    initialDomain: z.string(),
    cloud: z.enum(Cloud),
    cloudDisplayName: z.string(),
    mfaPolicy: z.enum(MfaPolicy),
  }),
  mfa: z.boolean(),
  directoryRoles: z.array(z.enum(Object.keys(DIRECTORY_ROLE_TEMPLATE_IDS) as [DirectoryRole])),
  /** What Hybrid Wizard lets them do in this tenant. */
  role: z.enum(Role),
});
export type MeResponse = z.infer<typeof ZMeResponse>;

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
