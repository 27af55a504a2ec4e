"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { SessionState } from "./SessionProvider";

/** What a page that needs a signed-in admin shows instead, while loading or signed out. */
export function SignInPrompt({ state, what }: { state: SessionState; what: string }) {
  const pathname = usePathname();
  if (state.status === "loading") return <p className="text-slate-500">Loading…</p>;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6">
      {state.status === "signed-out" && state.notice && (
        <p role="alert" className="mb-3 text-sm text-amber-900">
          {state.notice}
        </p>
      )}
      <p className="text-slate-700">
        <Link href={`/sign-in?returnTo=${encodeURIComponent(pathname)}`} className="text-brand-700 underline">
          Sign in
        </Link>{" "}
        with your admin account to {what}.
      </p>
    </div>
  );
}
