"use client";

import {
  type AccountInfo,
  BrowserAuthError,
  InteractionRequiredAuthError,
  type PublicClientApplication,
} from "@azure/msal-browser";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { type ApiClient, ApiError, createApiClient, withAccessToken } from "@/components/api/api-client";
import type { MeResponse as Me } from "@/lib/contracts/me";
import type { SignInRealm } from "@/lib/contracts/sign-in-realm";
import { createMsal, forgetRealm, loadRealm, redirectUri, saveRealm } from "./msal-realm";

// The browser's session: MSAL holds the tokens (sessionStorage, per tab), the service says who the
// token's holder is (/api/me). A sign-in the service refuses — no MFA where the tenant requires
// it, no admin role — leaves no session behind, only the reason.

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; notice?: string }
  | { status: "signed-in"; me: Me; realm: SignInRealm };

export type SignInMode = "popup" | "redirect";

interface Session {
  state: SessionState;
  /** Resolves once signed in, or with the reason shown to the admin; "redirect" leaves the page. */
  signIn(account: string, mode: SignInMode): Promise<void>;
  signOut(): Promise<void>;
  /** Signs another account of the same organization in, in place of the current one. */
  switchAccount(): Promise<void>;
  /** Signs the same account in again, answering a claims challenge (e.g. Exchange Online wants MFA). */
  signInAgain(claims?: string): Promise<void>;
  /** The service's API, each call with a fresh access token; a refused call throws ApiError. */
  api: ApiClient;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}

interface Active {
  realm: SignInRealm;
  msal: PublicClientApplication;
  account: AccountInfo;
}

function describeSignInFailure(error: unknown): string {
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

function fetchMe(accessToken: string): Promise<Me> {
  return createApiClient(withAccessToken(async () => accessToken)).me();
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [active, setActive] = useState<Active | undefined>();

  /** Asks the service who this is; a refusal removes the tokens so no half-session remains. */
  const establish = useCallback(async (next: Active, accessToken: string) => {
    try {
      const me = await fetchMe(accessToken);
      setActive(next);
      setState({ status: "signed-in", me, realm: next.realm });
    } catch (error) {
      await next.msal.clearCache({ account: next.account });
      forgetRealm();
      setActive(undefined);
      setState({ status: "signed-out", notice: describeSignInFailure(error) });
    }
  }, []);

  // On load: back from a redirect sign-in, or a session this tab already has.
  useEffect(() => {
    const realm = loadRealm();
    if (!realm) {
      setState({ status: "signed-out" });
      return;
    }
    void (async () => {
      try {
        const msal = await createMsal(realm);
        const redirected = await msal.handleRedirectPromise();
        const account = redirected?.account ?? msal.getAllAccounts()[0];
        if (!account) {
          forgetRealm();
          setState({ status: "signed-out" });
          return;
        }
        const token =
          redirected?.accessToken ??
          (await msal.acquireTokenSilent({ scopes: [realm.apiScope], account })).accessToken;
        await establish({ realm, msal, account }, token);
      } catch (error) {
        forgetRealm();
        setState({
          status: "signed-out",
          notice:
            error instanceof InteractionRequiredAuthError
              ? "Your sign-in has expired. Sign in again."
              : describeSignInFailure(error),
        });
      }
    })();
  }, [establish]);

  const signIn = useCallback(
    async (account: string, mode: SignInMode) => {
      try {
        const realm = await anonymousApi.findSignInRealm(account);
        const msal = await createMsal(realm);
        saveRealm(realm);
        const request = { scopes: [realm.apiScope], loginHint: account, prompt: "select_account" };
        if (mode === "redirect") {
          await msal.loginRedirect({ ...request, redirectStartPage: window.location.href });
          return;
        }
        const result = await msal.loginPopup(request);
        if (!result.account) throw new Error("the identity provider returned no account");
        await establish({ realm, msal, account: result.account }, result.accessToken);
      } catch (error) {
        forgetRealm();
        setState({ status: "signed-out", notice: describeSignInFailure(error) });
      }
    },
    [establish],
  );

  const signOut = useCallback(async () => {
    if (active) {
      try {
        await active.msal.logoutPopup({ account: active.account, postLogoutRedirectUri: redirectUri() });
      } catch {
        // A blocked or closed sign-out window still ends the session here.
        await active.msal.clearCache({ account: active.account });
      }
    }
    forgetRealm();
    setActive(undefined);
    setState({ status: "signed-out", notice: "You are signed out." });
  }, [active]);

  const switchAccount = useCallback(async () => {
    if (!active) return;
    try {
      const result = await active.msal.loginPopup({
        scopes: [active.realm.apiScope],
        prompt: "select_account",
      });
      if (!result.account) throw new Error("the identity provider returned no account");
      if (result.account.homeAccountId !== active.account.homeAccountId) {
        await active.msal.clearCache({ account: active.account });
      }
      await establish({ ...active, account: result.account }, result.accessToken);
    } catch (error) {
      // Closing the window keeps the current account signed in.
      if (error instanceof BrowserAuthError && error.errorCode === "user_cancelled") return;
      forgetRealm();
      setActive(undefined);
      setState({ status: "signed-out", notice: describeSignInFailure(error) });
    }
  }, [active, establish]);

  const signInAgain = useCallback(
    async (claims?: string) => {
      if (!active) return;
      try {
        const result = await active.msal.acquireTokenPopup({
          scopes: [active.realm.apiScope],
          account: active.account,
          claims,
        });
        await establish({ ...active, account: result.account ?? active.account }, result.accessToken);
      } catch (error) {
        if (error instanceof BrowserAuthError && error.errorCode === "user_cancelled") return;
        throw error;
      }
    },
    [active, establish],
  );

  const accessToken = useCallback(async () => {
    if (!active) throw new ApiError(401, "unauthenticated", "Sign in first.");
    try {
      const result = await active.msal.acquireTokenSilent({
        scopes: [active.realm.apiScope],
        account: active.account,
      });
      return result.accessToken;
    } catch (error) {
      if (!(error instanceof InteractionRequiredAuthError)) throw error;
      forgetRealm();
      setActive(undefined);
      setState({ status: "signed-out", notice: "Your sign-in has expired. Sign in again." });
      throw new ApiError(401, "unauthenticated", "Your sign-in has expired. Sign in again.");
    }
  }, [active]);

  const api = useMemo(() => createApiClient(withAccessToken(accessToken)), [accessToken]);

  const session = useMemo(
    () => ({ state, signIn, signOut, switchAccount, signInAgain, api }),
    [state, signIn, signOut, switchAccount, signInAgain, api],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
