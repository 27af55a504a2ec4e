import { z } from "zod";

/** What the browser's MSAL needs to sign an account in: GET /api/auth/realm's answer. */
export const ZSignInRealm = z.object({
  tenantId: z.string(),
  tenantDisplayName: z.string(),
  cloud: z.string(),
  cloudDisplayName: z.string(),
  authority: z.string(),
  /** The authority's host, for MSAL's `knownAuthorities`. */
  knownAuthority: z.string(),
  clientId: z.string(),
  apiScope: z.string(),
});
export type SignInRealm = z.infer<typeof ZSignInRealm>;
