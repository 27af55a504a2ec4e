"use client";

import Link from "next/link";
import { CustomerMenu } from "@/components/partner/CustomerMenu";
import { useSession } from "./SessionProvider";

export function HeaderSession() {
  const { state, signOut } = useSession();
  if (state.status === "loading") {
    return <div className="text-sm text-slate-400" data-testid="signed-in-user" />;
  }
  if (state.status === "signed-out") {
    return (
      <div className="flex items-center gap-3 text-sm">
        <span className="text-slate-500" data-testid="signed-in-user">
          Not signed in
        </span>
        <Link
          href="/sign-in"
          className="rounded bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700"
        >
          Sign in
        </Link>
      </div>
    );
  }
  const { me } = state;
  const { partner } = me;
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="text-slate-700" data-testid="signed-in-user" title={me.user.upn}>
        {me.user.displayName} ·{" "}
        {partner?.actingInCustomer ? `${me.tenant.displayName}, for ${partner.name}` : me.tenant.displayName}
      </span>
      {partner ? <CustomerMenu me={{ ...me, partner }} /> : null}
      <button
        type="button"
        onClick={() => void signOut()}
        className="rounded border border-slate-300 px-3 py-1 text-slate-700 hover:bg-slate-100"
      >
        Sign out
      </button>
    </div>
  );
}
