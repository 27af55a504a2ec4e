"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { WizardRun } from "@/lib/contracts/wizard-runs";

/**
 * Runs a Done page plan (the undo, the certificate change) as a run of its own: made here, then
 * reviewed, confirmed and followed on that run's Review plan and Update pages like any plan.
 */
export function StartLinkedRun({ label, create }: { label: string; create: () => Promise<WizardRun> }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; problem?: string }>({ busy: false });
  const start = async () => {
    setState({ busy: true });
    try {
      const run = await create();
      router.push(`/wizard/${run.id}/${run.currentPage}`);
    } catch (error) {
      setState({ busy: false, problem: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <div className="mt-4">
      <button
        type="button"
        onClick={start}
        disabled={state.busy}
        className="rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-50"
      >
        {label}
      </button>
      {state.problem && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.problem}
        </p>
      )}
    </div>
  );
}
