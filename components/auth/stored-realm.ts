import type { SignInRealm } from "@/lib/contracts/sign-in-realm";

// The sign-in realm kept for the tab (sessionStorage), so a reload finds the session. Kept apart
// from MSAL and zod: every page asks whether there is one, and only a tab that has one loads them.

const REALM_KEY = "hybrid-wizard.realm";
const CUSTOMER_KEY = "hybrid-wizard.customer";

/** The customer a partner's technician acts in, chosen in the header (none: their own organization). */
export interface ActingCustomer {
  entraTenantId: string;
  displayName: string;
}

export function hasStoredRealm(): boolean {
  return sessionStorage.getItem(REALM_KEY) !== null;
}

/** What was stored, unparsed (msal-realm.ts checks it against the contract). */
export function readStoredRealm(): unknown {
  const stored = sessionStorage.getItem(REALM_KEY);
  return stored === null ? undefined : JSON.parse(stored);
}

export function storeRealm(realm: SignInRealm): void {
  sessionStorage.setItem(REALM_KEY, JSON.stringify(realm));
}

export function forgetRealm(): void {
  sessionStorage.removeItem(REALM_KEY);
  sessionStorage.removeItem(CUSTOMER_KEY);
}

/** What was stored, unparsed: msal-session.ts reads only its two strings. */
export function readStoredCustomer(): Partial<ActingCustomer> | undefined {
  const stored = sessionStorage.getItem(CUSTOMER_KEY);
  return stored === null ? undefined : JSON.parse(stored);
}

export function storeCustomer(customer: ActingCustomer | undefined): void {
  if (customer) sessionStorage.setItem(CUSTOMER_KEY, JSON.stringify(customer));
  else sessionStorage.removeItem(CUSTOMER_KEY);
}
