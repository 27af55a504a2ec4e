import { PublicClientApplication } from "@azure/msal-browser";
import { type SignInRealm, ZSignInRealmSchema } from "@/lib/contracts/sign-in-realm";
import { readStoredRealm } from "./stored-realm";

// One MSAL application per sign-in realm: each national cloud has its own authority and its own
// app registration of the service.

export function loadRealm(): SignInRealm | undefined {
  const parsed = ZSignInRealmSchema.safeParse(readStoredRealm());
  return parsed.success ? parsed.data : undefined;
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
