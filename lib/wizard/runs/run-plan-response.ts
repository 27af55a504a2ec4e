import type { RunPlanResponse } from "@/lib/contracts/wizard-update";
import { changeCounts } from "@/lib/wizard/plan/change-counts";
import { powerShellLine } from "@/lib/wizard/plan/powershell-line";
import type { RunPlan } from "./plan-for-run";

/** The Review plan page's answer: every operation with its PowerShell line, the counts, the checks. */
export function runPlanResponse(planned: RunPlan): RunPlanResponse {
  return {
    runId: planned.run.id,
    version: planned.run.version,
    digest: planned.digest,
    operations: planned.plan.operations.map((operation) => ({
      ...operation,
      powershell: powerShellLine(operation),
    })),
    counts: changeCounts(planned.plan.operations),
    notes: planned.plan.notes,
    checks: planned.gather.checks,
    gatheredAt: planned.gatheredAt.toISOString(),
  };
}
