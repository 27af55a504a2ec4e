"use client";

import { useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import type { UndoResponse } from "@/lib/contracts/wizard-done";
import type { WizardRun } from "@/lib/contracts/wizard-runs";
import { PlanOperations } from "./PlanOperations";
import { StartLinkedRun } from "./StartLinkedRun";

type State =
  | { status: "idle" | "preparing" }
  | { status: "prepared"; undo: UndoResponse }
  | { status: "failed"; message: string };

/** What Undo does, for the kinds of run that can be undone. */
const UNDO_WORDS = {
  wizard: {
    title: "Undo this run",
    description: "Removes what this run created and puts back what it changed, as a plan you review first.",
  },
  certificate: {
    title: "Undo this certificate change",
    description:
      "Puts the previous certificate back on the hybrid configuration and its connectors, as a plan you review first.",
  },
} as const;

/** Undo this run: the inverse plan to review, what it cannot undo, or why Undo is refused. */
export function UndoRun({ runId, kind }: { runId: string; kind: Exclude<WizardRun["kind"], "undo"> }) {
  const words = UNDO_WORDS[kind];
  const { api } = useSession();
  const [state, setState] = useState<State>({ status: "idle" });
  const prepare = async () => {
    setState({ status: "preparing" });
    try {
      setState({ status: "prepared", undo: await api.undoWizardRun(runId) });
    } catch (error) {
      setState({ status: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <section aria-labelledby="undo-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="undo-heading" className="font-semibold text-slate-800">
        {words.title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{words.description}</p>
      <button
        type="button"
        onClick={prepare}
        disabled={state.status === "preparing"}
        className="mt-3 rounded border border-slate-300 px-4 py-2 disabled:opacity-50"
      >
        {state.status === "preparing" ? "Reading both sides…" : "Show the undo plan"}
      </button>
      {state.status === "failed" && (
        <p role="alert" className="mt-3 text-red-800">
          {state.message}
        </p>
      )}
      {state.status === "prepared" && state.undo.status === "refused" && (
        <div role="alert" className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          <p className="font-medium">Undo is not possible:</p>
          <ul className="list-disc pl-5">
            {state.undo.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {state.status === "prepared" && state.undo.status === "ready" && (
        <div className="mt-4 space-y-4">
          {(state.undo.cannotUndo.length > 0 || state.undo.plan.notes.length > 0) && (
            <div>
              <h3 className="font-medium text-slate-800">What Undo leaves as it is</h3>
              <ul className="list-disc pl-5 text-sm text-slate-700">
                {state.undo.cannotUndo.map((entry) => (
                  <li key={`${entry.cmdlet} ${entry.identity}`}>{entry.why}</li>
                ))}
                {state.undo.plan.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </div>
          )}
          <PlanOperations plan={state.undo.plan} />
          <StartLinkedRun label="Run the undo" create={() => api.createUndoRun(runId)} />
        </div>
      )}
    </section>
  );
}
