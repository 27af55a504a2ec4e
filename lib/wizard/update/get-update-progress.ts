import type { OperationFailure, UpdateProgress } from "@/lib/contracts/wizard-update";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import type { PlanAction, PlanTask } from "@/lib/wizard/plan/plan-types";
import { runNotFound } from "@/lib/wizard/runs/change-run-at-version";
import { blockedOperations } from "./blocked-operations";
import { summaryOf, valuesOf } from "./operation-output";
import { planSide } from "./operation-side";

/** Where a run's update stands, operation by operation: what the Update page shows. */
export async function getUpdateProgress(options: {
  db: Db;
  acting: Pick<ActingContext, "tenant">;
  runId: string;
}): Promise<UpdateProgress> {
  const { db, acting, runId } = options;
  const run = await db.wizardRun.findFirst({
    where: { id: runId, ...tenantScope(acting) },
    select: {
      status: true,
      version: true,
      pausedReason: true,
      confirmedBy: { select: { displayName: true, upn: true } },
    },
  });
  if (!run) throw runNotFound();
  const operations = await db.operation.findMany({
    where: { runId, ...tenantScope(acting) },
    orderBy: { sequence: "asc" },
  });
  const blocked = blockedOperations(operations);
  const writes = operations.filter((operation) => operation.action !== "nop");
  return {
    runId,
    status: run.status,
    version: run.version,
    pausedReason: run.pausedReason,
    actingAs: run.confirmedBy,
    done: writes.filter((operation) => operation.status === "succeeded").length,
    total: writes.length,
    operations: operations.map((operation) => {
      const waitsOn = blocked.get(operation.planOperationId) ?? [];
      return {
        id: operation.id,
        sequence: operation.sequence,
        planOperationId: operation.planOperationId,
        side: planSide(operation.side),
        task: operation.task as PlanTask,
        action: operation.action as PlanAction,
        kind: operation.kind,
        identity: operation.identity,
        cmdlet: operation.cmdlet,
        status: waitsOn.length > 0 ? "blocked" : operation.status,
        attempts: operation.attempts,
        startedAt: operation.startedAt?.toISOString() ?? null,
        finishedAt: operation.finishedAt?.toISOString() ?? null,
        durationMs:
          operation.startedAt && operation.finishedAt
            ? operation.finishedAt.getTime() - operation.startedAt.getTime()
            : null,
        output: summaryOf(operation.output),
        ...(Object.keys(valuesOf(operation.output)).length > 0 ? { values: valuesOf(operation.output) } : {}),
        error: (operation.error as OperationFailure | null) ?? null,
        blockedBy: waitsOn,
      };
    }),
  };
}
