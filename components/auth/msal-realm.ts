import { PublicClientApplication } from "@azure/msal-browser";
import { type SignInRealm, ZSignInRealmSchema } from "@/lib/contracts/sign-in-realm";

// One MSAL application per sign-in realm: each national cloud has its own authority and its own
// app registration of the service. The realm is kept for the tab so a reload finds the session.

const REALM_KEY = "hybrid-wizard.realm";

export function loadRealm(): SignInRealm | undefined {
  const stored = sessionStorage.getItem(REALM_KEY);
  if (!stored) return undefined;
  const parsed = ZSignInRealmSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : undefined;
}

export function saveRealm(realm: SignInRealm): void {
  sessionStorage.setItem(REALM_KEY, JSON.stringify(realm));
}

export function forgetRealm(): void {
  sessionStorage.removeItem(REALM_KEY);
}

/** The page MSAL's popups and redirects come back to (app/auth/redirect). */
export function redirectUri(): string {
  return `${window.location.origin}/auth/redirect`;
}

export async function createMsal(realm: SignInRealm): Promise<PublicClientApplication> {
  const msal = new PublicClientApplication({
    auth: {
      clientId: realm.clientId,
      authority: realm.authority,
      knownAuthorities: [realm.knownAuthority],
      redirectUri: redirectUri(),
      postLogoutRedirectUri: redirectUri(),
    },
    cache: { cacheLocation: "sessionStorage" },
  });
  await msal.initialize();
  return msal;
}
