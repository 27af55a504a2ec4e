"use client";

import { useEffect, useRef } from "react";
import type { WizardPageId } from "@/lib/wizard/wizard-pages";
import { RunProblemNotice } from "./RunProblemNotice";
import { useWizardRun } from "./WizardRunProvider";

/**
 * Back and Next at the foot of a page, and what went wrong with the last of them. Next submits the
 * page's form (so Enter works too) unless the page has no form and gives `onNext`.
 */
export function PageActions({
  page,
  onNext,
  nextDisabled = false,
}: {
  page: WizardPageId;
  onNext?: () => void;
  nextDisabled?: boolean;
}) {
  const { neighbour, goTo, busy, fieldErrors } = useWizardRun();
  const back = neighbour(page, -1);
  const bar = useRef<HTMLDivElement>(null);
  // A refused save takes the keyboard to the first field it names, whose message is read with it.
  useEffect(() => {
    if (Object.keys(fieldErrors).length === 0) return;
    bar.current?.closest("form")?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]);
  return (
    <>
      <RunProblemNotice />
      <div ref={bar} className="mt-6 flex justify-between gap-3">
        {back ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void goTo(back)}
            className="rounded border border-slate-300 px-6 py-2 font-medium hover:bg-slate-100 disabled:opacity-40"
          >
            Back
          </button>
        ) : (
          <span />
        )}
        <button
          type={onNext ? "button" : "submit"}
          disabled={busy || nextDisabled}
          onClick={onNext}
          className="rounded bg-brand-600 px-6 py-2 font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-40"
        >
          {busy ? "Saving…" : "Next"}
        </button>
      </div>
    </>
  );
}
