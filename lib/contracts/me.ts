import { z } from "zod";
import { DIRECTORY_ROLES } from "@/lib/auth/directory-roles";
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
  directoryRoles: z.array(z.enum(DIRECTORY_ROLES)),
  /** What Hybrid Wizard lets them do in this tenant. */
  role: z.enum(Role),
  /**
   * The partner they work for, when they are a partner's technician: signed in at the partner's
   * own tenant, or acting in a customer through its delegated relationship. Null for anyone else.
   */
  partner: z.object({ name: z.string(), actingInCustomer: z.boolean() }).nullable(),
});
export type MeResponse = z.infer<typeof ZMeResponseSchema>;
