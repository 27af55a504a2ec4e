import { z } from "zod";
import { Cloud, MfaPolicy, Role } from "@/lib/generated/prisma/enums";

/** GET /api/me: who is signed in, to which tenant, in which cloud, with what role. */
export const ZMeResponseSchema = z.object({
  user: z.object({ objectId: z.guid(), upn: z.string(), displayName: z.string() }),
  tenant: z.object({
    /** Hybrid Wizard's id of the tenant. */
    id: z.guid(),
    /** Entra's (`tid`). */
    entraTenantId: z.guid(),
    displayName: z.string(),
    initialDomain: z.string(),
    cloud: z.enum(Cloud),
    cloudDisplayName: z.string(),
    mfaPolicy: z.enum(MfaPolicy),
  }),
  mfa: z.boolean(),
  /** The Entra directory roles Hybrid Wizard knows that the token carries. */
  directoryRoles: z.array(
    z.enum([
      "GlobalAdministrator",
      "ExchangeAdministrator",
      "GlobalReader",
      "ApplicationAdministrator",
      "PrivilegedRoleAdministrator",
    ]),
  ),
  /** What Hybrid Wizard lets them do in this tenant. */
  role: z.enum(Role),
});
export type MeResponse = z.infer<typeof ZMeResponseSchema>;
