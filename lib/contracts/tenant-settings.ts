import { z } from "zod";

/** PATCH /api/tenant/settings: the organization's sign-in policy; the answer repeats what was saved. */
export const ZTenantSettingsSchema = z.object({
  mfaPolicy: z.enum(["Required", "Optional"], { error: "mfaPolicy must be Required or Optional" }),
});
export type TenantSettings = z.infer<typeof ZTenantSettingsSchema>;
