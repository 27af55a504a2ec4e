"use client";

import { useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { SignInPrompt } from "@/components/auth/SignInPrompt";

/** The organization's sign-in policy for Hybrid Wizard: MFA required (default) or optional. */
export function SignInPolicyPanel() {
  const { state, api } = useSession();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  if (state.status !== "signed-in")
    return <SignInPrompt state={state} what="see your organization's settings" />;
  const { tenant } = state.me;
  const required = tenant.mfaPolicy === "Required";

  const change = async (mfaPolicy: "Required" | "Optional") => {
    try {
      await api.updateTenantSettings({ mfaPolicy });
      setMessage({
        ok: true,
        text: `Saved. ${mfaPolicy === "Required" ? "MFA is required" : "MFA is optional"} from the next sign-in. Sign out and in again to see it here.`,
      });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="font-semibold text-slate-800">Sign-in policy for {tenant.displayName}</h2>
      <p className="mt-2 text-sm text-slate-700" data-testid="mfa-policy">
        {required
          ? "Multi-factor authentication is required: accounts that signed in without MFA are refused."
          : "Multi-factor authentication is optional: accounts without MFA may sign in."}
      </p>
      <button
        type="button"
        onClick={() => void change(required ? "Optional" : "Required")}
        className="mt-4 rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
      >
        {required ? "Allow sign-in without MFA" : "Require MFA"}
      </button>
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={`mt-3 text-sm ${message.ok ? "text-emerald-800" : "text-red-700"}`}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
