"use client";

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ApiClient } from "@/components/api/api-client";
import { lazyApiClient } from "@/components/api/lazy-api-client";
import type { MeResponse as Me } from "@/lib/contracts/me";
import type { SignInRealm } from "@/lib/contracts/sign-in-realm";
import { loadMsalSession } from "./load-msal-session";
import type { Active, Outcome } from "./msal-session";
import { type ActingCustomer, forgetRealm, hasStoredRealm } from "./stored-realm";

// The browser's session: MSAL holds the tokens (sessionStorage, per tab), the service says who the
// token's holder is (/api/me). A sign-in the service refuses — no MFA where the tenant requires
// it, no admin role — leaves no session behind, only the reason. MSAL itself (msal-session.ts) is
// fetched only once the tab has a session or starts a sign-in: a first visit loads none of it.

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
  /**
   * A partner's technician acts in one of their customers (none: back at their own organization),
   * without signing in again. Rejects with the reason when the service refuses; the session stays.
   */
  actIn(customer: ActingCustomer | undefined): Promise<void>;
  /** The service's API, each call with a fresh access token; a refused call throws ApiError. */
  api: ApiClient;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}

/** The session's code could not even be fetched (the network, a new deployment): say so; a reload tries again. */
function unloaded(error: unknown): Outcome {
  return {
    status: "signed-out",
    notice: `Sign-in failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [active, setActive] = useState<Active | undefined>();

  const settle = useCallback((outcome: Outcome) => {
    if (outcome.status === "signed-in") {
      setActive(outcome.active);
      setState({ status: "signed-in", me: outcome.me, realm: outcome.active.realm });
    } else {
      setActive(undefined);
      setState(outcome);
    }
  }, []);

  // On load: back from a redirect sign-in, or a session this tab already has; else nothing to load.
  useEffect(() => {
    if (!hasStoredRealm()) {
      setState({ status: "signed-out" });
      return;
    }
    void loadMsalSession()
      .then((auth) => auth.restoreSession())
      .catch(unloaded)
      .then(settle);
  }, [settle]);

  const signIn = useCallback(
    async (account: string, mode: SignInMode) => {
      const outcome = await loadMsalSession()
        .then((auth) => auth.signIn(account, mode))
        .catch(unloaded);
      if (outcome) settle(outcome);
    },
    [settle],
  );

  const signOut = useCallback(async () => {
    if (active) await (await loadMsalSession()).signOut(active);
    forgetRealm();
    settle({ status: "signed-out", notice: "You are signed out." });
  }, [active, settle]);

  const switchAccount = useCallback(async () => {
    if (!active) return;
    const outcome = await (await loadMsalSession()).switchAccount(active);
    if (outcome) settle(outcome);
  }, [active, settle]);

  const signInAgain = useCallback(
    async (claims?: string) => {
      if (!active) return;
      const outcome = await (await loadMsalSession()).signInAgain(active, claims);
      if (outcome) settle(outcome);
    },
    [active, settle],
  );

  const actIn = useCallback(
    async (customer: ActingCustomer | undefined) => {
      if (!active) return;
      settle(await (await loadMsalSession()).actIn(active, customer));
    },
    [active, settle],
  );

  const api = useMemo(
    () => lazyApiClient(async () => (await loadMsalSession()).sessionApi(active, settle)),
    [active, settle],
  );

  const session = useMemo(
    () => ({ state, signIn, signOut, switchAccount, signInAgain, actIn, api }),
    [state, signIn, signOut, switchAccount, signInAgain, actIn, api],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
