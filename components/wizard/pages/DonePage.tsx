import { HybridApplicationResult } from "@/components/wizard/done/HybridApplicationResult";
import { ReplaceCertificate } from "@/components/wizard/done/ReplaceCertificate";
import { UndoRun } from "@/components/wizard/done/UndoRun";
import { ValidationResults } from "@/components/wizard/done/ValidationResults";

/** The wizard's last page: validate what the update made, undo the run, or replace its transport certificate. */
export function DonePage({ runId }: { runId: string }) {
  return (
    <div className="space-y-6">
      <HybridApplicationResult runId={runId} />
      <ValidationResults runId={runId} />
      <UndoRun runId={runId} />
      <ReplaceCertificate runId={runId} />
    </div>
  );
}
