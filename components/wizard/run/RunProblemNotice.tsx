"use client";

import { pageTitle } from "@/lib/wizard/wizard-pages";
import { useWizardRun } from "./WizardRunProvider";

/**
 * What went wrong with the last Next or Back. A conflict shows who changed which page when, and
 * what that page holds now, and offers a reload; what this tab entered is kept until then.
 */
export function RunProblemNotice() {
  const { problem, reload } = useWizardRun();
  if (!problem) return null;
  if (problem.kind === "error") {
    return (
      <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
        {problem.message}
      </p>
    );
  }
  return (
    <section
      role="alert"
      className="mt-4 rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <h2 className="font-semibold">This run was changed elsewhere</h2>
      <p className="mt-1">{problem.message}</p>
      <ul className="mt-2 space-y-2">
        {problem.conflict.changes.map((change) => (
          <li key={change.version}>
            {change.by?.displayName ?? "Someone"} {change.kind === "answers_saved" ? "saved" : "went to"}{" "}
            {pageTitle(change.page)} at {new Date(change.at).toLocaleString()}
            {change.answers !== undefined && (
              <pre className="mt-1 overflow-x-auto rounded bg-white p-2 text-xs text-slate-800">
                {JSON.stringify(change.answers, null, 2)}
              </pre>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => void reload()}
        className="mt-3 rounded bg-amber-700 px-4 py-1 font-medium text-white hover:bg-amber-800"
      >
        Reload the run
      </button>
    </section>
  );
}
