import Link from "next/link";
import { HybridApplicationResult } from "@/components/wizard/done/HybridApplicationResult";
import { ReplaceCertificate } from "@/components/wizard/done/ReplaceCertificate";
import { UndoRun } from "@/components/wizard/done/UndoRun";
import { ValidationResults } from "@/components/wizard/done/ValidationResults";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";

/**
 * The wizard's last page: validate what the update made, undo the run, or replace its transport
 * certificate. An undo's Done page offers none of them: what it validated is gone, and an undo is
 * not undone in its turn (lib/wizard/undo/refuse-undo-of-undo.ts).
 */
export function DonePage({ runId }: { runId: string }) {
  const { run } = useWizardRun();
  if (run.kind === "undo") {
    return (
      <section
        aria-labelledby="undone-heading"
        className="max-w-3xl rounded-lg border border-slate-200 bg-white p-6"
      >
        <h2 id="undone-heading" className="font-semibold text-slate-800">
          This run is an undo
        </h2>
        <p className="mt-1 text-slate-700">
          It removed what the run it undid created and put back what that run changed; the Update page's log
          has each cmdlet. An undo cannot be undone in its turn: to make those changes again,{" "}
          <Link href="/wizard" className="text-brand-700 underline">
            start a new run
          </Link>
          , which plans them afresh from your answers and Exchange as it is now.
        </p>
      </section>
    );
  }
  return (
    <div className="space-y-6">
      <HybridApplicationResult runId={runId} />
      <ValidationResults
        runId={runId}
        validatesByItself={run.kind === "wizard" && run.status === "succeeded"}
      />
      <UndoRun runId={runId} kind={run.kind} />
      <ReplaceCertificate runId={runId} />
    </div>
  );
}
