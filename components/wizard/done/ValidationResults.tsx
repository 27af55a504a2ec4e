"use client";

import { useEffect, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { useUpdateProgress } from "@/components/wizard/update/use-update-progress";
import type { RunValidation } from "@/lib/contracts/wizard-done";

const SIDE = { OnPremises: "on-premises", Online: "Exchange Online" } as const;

/**
 * Validate, as the HCW's ValidateConfiguration: each check passed, or failed with Exchange's words and
 * the fix. A wizard run's update starts it by itself on the server; each result is read again as the
 * run's log says it came (the update's event stream), and "Validate again" asks for a new one.
 */
export function ValidationResults({
  runId,
  validatesByItself,
}: {
  runId: string;
  validatesByItself: boolean;
}) {
  const { api } = useSession();
  const { log } = useUpdateProgress(runId);
  const [validation, setValidation] = useState<RunValidation | null>(null);
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string>();
  const said = log.filter((line) => line.message.startsWith("Validate")).length;

  useEffect(() => {
    // `said` changes with each validation line of the log: a result stored, or the end.
    void said;
    api
      .getRunValidation(runId)
      .then((answer) => setValidation(answer.validation))
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, [api, runId, said]);

  const validate = async () => {
    setAsking(true);
    setProblem(undefined);
    try {
      await api.validateWizardRun(runId);
      setValidation((await api.getRunValidation(runId)).validation);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setAsking(false);
    }
  };
  const running = asking || validation?.status === "running";
  return (
    <section aria-labelledby="validate-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="validate-heading" className="font-semibold text-slate-800">
        Validate the configuration
      </h2>
      <p className="mt-1 text-slate-700" aria-live="polite">
        {running
          ? "Validating…"
          : validation
            ? `Checked ${new Date(validation.finishedAt ?? validation.startedAt).toLocaleString()} as ${validation.as}.`
            : validatesByItself
              ? "The checks start by themselves now that the update is done."
              : "Not validated yet."}
      </p>
      {validation?.status === "failed" && (
        <p role="alert" className="mt-3 text-red-800">
          The checks could not run: {validation.error}
        </p>
      )}
      {problem && (
        <p role="alert" className="mt-3 text-red-800">
          {problem}
        </p>
      )}
      {validation && validation.results.length > 0 && (
        <ul className="mt-4 space-y-3">
          {validation.results.map((result) => (
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
      <button
        type="button"
        onClick={validate}
        disabled={running}
        className="mt-4 rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-50"
      >
        {validation ? "Validate again" : "Validate"}
      </button>
    </section>
  );
}
