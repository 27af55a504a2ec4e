import { z } from "zod";

// An account is at most 254 characters (RFC 5321's path limit; Entra's UPNs are shorter still).
const MAX_ACCOUNT_LENGTH = 254;

// Each character is looked at a bounded number of times: the local part and the domain's labels
// cannot hold the separator that ends them, so there is only one way to split an account.
// (The earlier `[^@\s]+\.[^@\s]+` let dots belong to either side and backtracked quadratically.)
const ACCOUNT_SHAPE = /^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$/;

/** GET /api/auth/realm?account=…: the account an admin types. */
export const ZSignInAccountSchema = z
  .string()
  .trim()
  // Checked first, and stops the checks after it: no pattern runs on an unbounded string.
  .max(MAX_ACCOUNT_LENGTH, {
    abort: true,
    error: `An account is at most ${MAX_ACCOUNT_LENGTH} characters; enter your work account, e.g. admin@contoso.onmicrosoft.com`,
  })
  .toLowerCase()
  .regex(ACCOUNT_SHAPE, "Enter your work account, e.g. admin@contoso.onmicrosoft.com");

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
