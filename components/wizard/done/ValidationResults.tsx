"use client";

import { useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import type { ValidationResponse } from "@/lib/contracts/wizard-done";

type State =
  | { status: "idle" | "running" }
  | { status: "done"; results: ValidationResponse["results"] }
  | { status: "failed"; message: string };

const SIDE = { OnPremises: "on-premises", Online: "Exchange Online" } as const;

/** Validate, as the HCW's ValidateConfiguration: each check passed, or failed with Exchange's words and the fix. */
export function ValidationResults({ runId }: { runId: string }) {
  const { api } = useSession();
  const [state, setState] = useState<State>({ status: "idle" });
  const validate = async () => {
    setState({ status: "running" });
    try {
      setState({ status: "done", results: (await api.validateWizardRun(runId)).results });
    } catch (error) {
      setState({ status: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <section aria-labelledby="validate-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="validate-heading" className="font-semibold text-slate-800">
        Validate the configuration
      </h2>
      <button
        type="button"
        onClick={validate}
        disabled={state.status === "running"}
        className="mt-3 rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-50"
      >
        {state.status === "running" ? "Validating…" : "Validate"}
      </button>
      {state.status === "failed" && (
        <p role="alert" className="mt-3 text-red-800">
          {state.message}
        </p>
      )}
      {state.status === "done" && (
        <ul className="mt-4 space-y-3" aria-live="polite">
          {state.results.map((result) => (
            <li key={result.id} data-testid={`check-${result.id}`} className="text-sm">
              <p className={result.passed ? "text-green-800" : "font-medium text-red-800"}>
                {result.passed ? "Passed" : "Failed"}: {result.title} ({result.cmdlet}, {SIDE[result.side]})
              </p>
              {!result.passed && <p className="text-slate-700">{result.detail}</p>}
              {result.fix && (
                <p className="mt-1 rounded bg-amber-50 p-2 text-amber-900">
                  {result.fix.codes.length > 0 && <strong>{result.fix.codes.join(", ")}: </strong>}
                  {result.fix.title}. {result.fix.fix}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
