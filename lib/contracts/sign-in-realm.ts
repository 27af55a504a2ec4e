import { z } from "zod";

/** GET /api/auth/realm?account=…: the account an admin types. */
export const ZSignInAccountSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "Enter your work account, e.g. admin@contoso.onmicrosoft.com");

/** What the browser's MSAL needs to sign that account in: the answer. */
export const ZSignInRealmSchema = z.object({
  /** Entra's id of the account's tenant. */
  entraTenantId: z.string(),
  tenantDisplayName: z.string(),
  cloud: z.string(),
  cloudDisplayName: z.string(),
  authority: z.string(),
  /** The authority's host, for MSAL's `knownAuthorities`. */
  knownAuthority: z.string(),
  clientId: z.string(),
  apiScope: z.string(),
});
export type SignInRealm = z.infer<typeof ZSignInRealmSchema>;
