"use client";

import { useRouter } from "next/navigation";
import { CredentialsPanel } from "./CredentialsPanel";

/** The credentials checked outside a run; Next, once both are there, goes on to the runs. */
export function CredentialsCheck() {
  const router = useRouter();
  return (
    <CredentialsPanel
      actions={(ready) => (
        <div className="flex justify-end">
          <button
            type="button"
            disabled={!ready}
            onClick={() => router.push("/wizard")}
            className="rounded bg-brand-600 px-6 py-2 font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-40"
          >
            Next
          </button>
        </div>
      )}
    />
  );
}
