"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, Suspense, useEffect, useState } from "react";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { loadMsalSession } from "./load-msal-session";
import { type SignInMode, useSession } from "./SessionProvider";

function SignInFields() {
  const { state, signIn } = useSession();
  const router = useRouter();
  const returnTo = useSearchParams().get("returnTo");
  const [account, setAccount] = useState("");
  const [busy, setBusy] = useState(false);

  // Fetched while the admin types, not with the page: the popup must open soon after the click,
  // while the browser still counts it as the click's.
  useEffect(() => {
    void loadMsalSession();
  }, []);

  useEffect(() => {
    if (state.status === "signed-in") router.replace(safeReturnPath(returnTo, window.location.origin));
  }, [state.status, router, returnTo]);

  const submit = (mode: SignInMode) => async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    await signIn(account, mode);
    setBusy(false);
  };

  return (
    <form className="mt-6 space-y-4" onSubmit={submit("popup")}>
      <label className="block text-sm font-medium text-slate-700">
        Work account
        <input
          type="email"
          name="account"
          autoComplete="username"
          required
          placeholder="admin@contoso.onmicrosoft.com"
          value={account}
          onChange={(event) => setAccount(event.target.value)}
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 font-normal"
        />
      </label>
      {state.status === "signed-out" && state.notice && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {state.notice}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={busy || state.status === "loading"}
          className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {busy ? "Signing in…" : "Sign in"}
        </button>
        <button
          type="button"
          disabled={busy || state.status === "loading" || !account}
          onClick={() => void submit("redirect")()}
          className="text-sm text-brand-700 underline disabled:opacity-50"
        >
          Sign in in this window instead
        </button>
      </div>
    </form>
  );
}

export function SignInForm() {
  // useSearchParams needs a Suspense boundary in a statically rendered page.
  return (
    <Suspense>
      <SignInFields />
    </Suspense>
  );
}
