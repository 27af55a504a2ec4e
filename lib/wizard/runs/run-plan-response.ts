import type { ChangeCounts, RunPlanResponse } from "@/lib/contracts/wizard-update";
import type { PlanOperation } from "@/lib/wizard/plan/plan-types";
import { powerShellLine } from "@/lib/wizard/plan/powershell-line";
import type { RunPlan } from "./plan-for-run";

export function changeCounts(operations: readonly Pick<PlanOperation, "action">[]): ChangeCounts {
  return {
    new: operations.filter((operation) => operation.action === "new").length,
    update: operations.filter((operation) => operation.action === "update").length,
    unchanged: operations.filter((operation) => operation.action === "nop").length,
  };
}

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
