"use client";

import { notFound } from "next/navigation";
import { PAGE_COMPONENTS } from "@/components/wizard/pages/page-registry";
import { WizardPage } from "@/components/wizard/WizardPage";
import { pageTitle, skippedPages, type WizardPageId } from "@/lib/wizard/wizard-pages";
import { RunKindLabel } from "./RunKindLabel";
import { runConditions } from "./run-navigation";
import { useWizardRun } from "./WizardRunProvider";

/** /wizard/<runId>/<page>: the page's own component in the wizard's frame, remade when the run changes. */
export function WizardRunPage({ page }: { page: WizardPageId }) {
  const { run, gathered } = useWizardRun();
  const Page = PAGE_COMPONENTS[page];
  if (!Page) notFound();
  const skipped = skippedPages(runConditions(run.answers, gathered));
  return (
    <WizardPage current={page} title={pageTitle(page)} skipped={skipped}>
      {run.kind !== "wizard" && (
        <p className="mb-4 font-medium text-slate-700" data-testid="run-kind">
          <RunKindLabel run={run} />
        </p>
      )}
      {skipped.has(page) ? (
        <p role="alert" className="max-w-3xl text-slate-700">
          This run skips {pageTitle(page)}: {skipped.get(page)}.
        </p>
      ) : (
        // A reloaded run (another tab's change) remakes the form from the answers it has now.
        <Page key={run.version} runId={run.id} />
      )}
    </WizardPage>
  );
}
