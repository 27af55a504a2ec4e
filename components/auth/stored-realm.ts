import type { SignInRealm } from "@/lib/contracts/sign-in-realm";

// The sign-in realm kept for the tab (sessionStorage), so a reload finds the session. Kept apart
// from MSAL and zod: every page asks whether there is one, and only a tab that has one loads them.

const REALM_KEY = "hybrid-wizard.realm";

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
}
