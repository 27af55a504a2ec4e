import {
  type AccountInfo,
  BrowserAuthError,
  InteractionRequiredAuthError,
  type PublicClientApplication,
} from "@azure/msal-browser";
import { type ApiClient, ApiError, createApiClient, withAccessToken } from "@/components/api/api-client";
import type { MeResponse as Me } from "@/lib/contracts/me";
import type { SignInRealm } from "@/lib/contracts/sign-in-realm";
import { createMsal, loadRealm, redirectUri } from "./msal-realm";
import {
  type ActingCustomer,
  forgetRealm,
  readStoredCustomer,
  storeCustomer,
  storeRealm,
} from "./stored-realm";

// What the session does with MSAL: restore, sign in and out, renew tokens. SessionProvider loads this
// module (MSAL, zod and the API client with it) only when a tab has a session or starts a sign-in,
// so a page that needs neither is not made to fetch them (load-msal-session.ts).

/** The signed-in account and the MSAL application that holds its tokens. */
export interface Active {
  realm: SignInRealm;
  msal: PublicClientApplication;
  account: AccountInfo;
  /** The customer a partner's technician acts in (chosen in the header); undefined: their own tenant. */
  customer?: ActingCustomer;
}

/**
 * A token for the service's API in the tenant the call acts in. A partner's technician, signed in
 * once at home, gets a customer's token from the customer's authority with the same account:
 * Entra's refresh token is good in every tenant the account may act in, and the token it gives
 * carries the delegated relationship's roles. The partner's own pages (/api/partner/…) act at home.
 */
function silentToken(active: Active, path?: string) {
  const customer = path?.startsWith("/api/partner/") ? undefined : active.customer;
  return active.msal.acquireTokenSilent({ scopes: [active.realm.apiScope], ...inTenantOf(active, customer) });
}

/**
 * The account and authority for a request in `customer` (none: at home). MSAL looks its cache up by
 * the account's tenant before the authority's, so the account is named as its customer profile.
 */
function inTenantOf(active: Active, customer: ActingCustomer | undefined) {
  return customer
    ? {
        account: { ...active.account, tenantId: customer.entraTenantId },
        authority: customerAuthority(active.realm, customer),
      }
    : { account: active.account };
}

/** The customer's authority in the realm's cloud: the home authority with the customer's tenant id. */
function customerAuthority(realm: SignInRealm, customer: ActingCustomer): string {
  return realm.authority.replace(/[^/]+$/, customer.entraTenantId);
}

function storedCustomer(): ActingCustomer | undefined {
  const { entraTenantId, displayName } = readStoredCustomer() ?? {};
  return typeof entraTenantId === "string" && typeof displayName === "string"
    ? { entraTenantId, displayName }
    : undefined;
}

/** Where an attempt to sign in left the tab. */
export type Outcome =
  | { status: "signed-in"; me: Me; active: Active }
  | { status: "signed-out"; notice?: string };

const isCancelled = (error: unknown) =>
  error instanceof BrowserAuthError && error.errorCode === "user_cancelled";

const EXPIRED = "Your sign-in has expired. Sign in again.";

export function describeSignInFailure(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof BrowserAuthError) {
    if (error.errorCode === "user_cancelled")
      return "The sign-in window was closed before sign-in finished. Nothing was changed: sign in again.";
    // msal-browser v5 learns of a closed sign-in window only when its wait for the answer runs out.
    if (error.errorCode === "timed_out")
      return "The sign-in window was closed, or did not finish within a minute. Nothing was changed: sign in again.";
    if (error.errorCode === "popup_window_error" || error.errorCode === "empty_window_error")
      return "The browser blocked the sign-in window. Allow pop-ups for this site, or use “Sign in in this window”.";
  }
  return `Sign-in failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Asks before any session exists: sign-in's realm lookup carries no token. */
const anonymousApi = createApiClient((path, init) => fetch(path, init));

/** Asks the service who this is; a refusal removes the tokens so no half-session remains. */
async function establish(active: Active, accessToken: string): Promise<Outcome> {
  try {
    const me = await createApiClient(withAccessToken(async () => accessToken)).me();
    return { status: "signed-in", me, active };
  } catch (error) {
    await active.msal.clearCache({ account: active.account });
    forgetRealm();
    return { status: "signed-out", notice: describeSignInFailure(error) };
  }
}

function signedOut(error: unknown): Outcome {
  forgetRealm();
  return { status: "signed-out", notice: describeSignInFailure(error) };
}

/** On load: back from a redirect sign-in, or a session this tab already has. */
export async function restoreSession(): Promise<Outcome> {
  try {
    const realm = loadRealm();
    if (!realm) {
      forgetRealm();
      return { status: "signed-out" };
    }
    const msal = await createMsal(realm);
    const redirected = await msal.handleRedirectPromise();
    const account = redirected?.account ?? msal.getAllAccounts()[0];
    if (!account) {
      forgetRealm();
      return { status: "signed-out" };
    }
    const token =
      redirected?.accessToken ??
      (await msal.acquireTokenSilent({ scopes: [realm.apiScope], account })).accessToken;
    const home = await establish({ realm, msal, account }, token);
    // A reload keeps the customer the tab was acting in; if that no longer works, home it is.
    const customer = storedCustomer();
    if (home.status !== "signed-in" || !customer) return home;
    return await actIn(home.active, customer).catch(() => {
      storeCustomer(undefined);
      return home;
    });
  } catch (error) {
    if (!(error instanceof InteractionRequiredAuthError)) return signedOut(error);
    forgetRealm();
    return { status: "signed-out", notice: EXPIRED };
  }
}

/** Undefined: "redirect" is leaving the page for the sign-in. */
export async function signIn(account: string, mode: "popup" | "redirect"): Promise<Outcome | undefined> {
  try {
    const realm = await anonymousApi.findSignInRealm(account);
    const msal = await createMsal(realm);
    storeRealm(realm);
    const request = { scopes: [realm.apiScope], loginHint: account, prompt: "select_account" };
    if (mode === "redirect") {
      await msal.loginRedirect({ ...request, redirectStartPage: window.location.href });
      return undefined;
    }
    const result = await msal.loginPopup(request);
    if (!result.account) throw new Error("the identity provider returned no account");
    return await establish({ realm, msal, account: result.account }, result.accessToken);
  } catch (error) {
    return signedOut(error);
  }
}

/**
 * The session acting in a partner's customer (or, with none, back at home), asked of the service
 * with that tenant's token: the service says whether the relationship lets them in, with what role.
 * One prompt at most, when Entra wants consent or MFA for the customer; a refusal throws, and the
 * tab stays where it was.
 */
export async function actIn(active: Active, customer: ActingCustomer | undefined): Promise<Outcome> {
  const next: Active = { ...active, customer };
  let accessToken: string;
  try {
    accessToken = (await silentToken(next)).accessToken;
  } catch (error) {
    if (!(error instanceof InteractionRequiredAuthError) || !customer) throw error;
    accessToken = (
      await active.msal.acquireTokenPopup({
        scopes: [active.realm.apiScope],
        ...inTenantOf(active, customer),
      })
    ).accessToken;
  }
  const me = await createApiClient(withAccessToken(async () => accessToken)).me();
  storeCustomer(customer);
  return { status: "signed-in", me, active: next };
}

export async function signOut(active: Active): Promise<void> {
  try {
    await active.msal.logoutPopup({ account: active.account, postLogoutRedirectUri: redirectUri() });
  } catch {
    // A blocked or closed sign-out window still ends the session here.
    await active.msal.clearCache({ account: active.account });
  }
}

/** Another account of the same organization in place of the current one; undefined: the window was closed. */
export async function switchAccount(active: Active): Promise<Outcome | undefined> {
  try {
    const result = await active.msal.loginPopup({
      scopes: [active.realm.apiScope],
      prompt: "select_account",
    });
    if (!result.account) throw new Error("the identity provider returned no account");
    if (result.account.homeAccountId !== active.account.homeAccountId) {
      await active.msal.clearCache({ account: active.account });
    }
    // Another person starts at their own organization.
    storeCustomer(undefined);
    return await establish({ ...active, account: result.account, customer: undefined }, result.accessToken);
  } catch (error) {
    // Closing the window keeps the current account signed in.
    if (isCancelled(error)) return undefined;
    return signedOut(error);
  }
}

/** The same account again, answering a claims challenge; undefined: the window was closed. */
export async function signInAgain(active: Active, claims?: string): Promise<Outcome | undefined> {
  try {
    const result = await active.msal.acquireTokenPopup({
      scopes: [active.realm.apiScope],
      claims,
      ...inTenantOf(active, active.customer),
    });
    // In a customer, MSAL answers with the account's customer profile: the session keeps the home one.
    const account = active.customer ? active.account : (result.account ?? active.account);
    return await establish({ ...active, account }, result.accessToken);
  } catch (error) {
    if (isCancelled(error)) return undefined;
    throw error;
  }
}

/**
 * The service's API, each call with a fresh access token from MSAL's cache (renewed silently);
 * when Entra wants the admin to sign in again, the call is refused and `settle` told the session ended.
 */
export function sessionApi(active: Active | undefined, settle: (outcome: Outcome) => void): ApiClient {
  return createApiClient(
    withAccessToken(async (path) => {
      if (!active) throw new ApiError(401, "unauthenticated", "Sign in first.");
      try {
        return (await silentToken(active, path)).accessToken;
      } catch (error) {
        if (!(error instanceof InteractionRequiredAuthError)) throw error;
        forgetRealm();
        settle({ status: "signed-out", notice: EXPIRED });
        throw new ApiError(401, "unauthenticated", EXPIRED);
      }
    }),
  );
}
