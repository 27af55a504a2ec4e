"use client";

import { useWizardRun } from "./WizardRunProvider";

/** What a page that offers gathered choices shows before the run has gathered. */
export function NotGathered() {
  const { goTo, busy } = useWizardRun();
  return (
    <div role="alert" className="max-w-3xl rounded border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p>This page offers what Gathering configuration found, and this run has not gathered yet.</p>
      <button
        type="button"
        disabled={busy}
        onClick={() => void goTo("configuration")}
        className="mt-2 underline"
      >
        Go to Gathering configuration
      </button>
    </div>
  );
}
