import { ZOperationFailureSchema } from "@/lib/contracts/wizard-update";
import type { Db } from "@/lib/db";
import { getQueue } from "@/lib/jobs/get-queue";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { enqueueRunValidation } from "@/lib/wizard/validate/validation-queue";
import { appendRunLog } from "./append-run-log";
import { blockedOperations } from "./blocked-operations";

/**
 * Ends the update once nothing can move without the admin: every operation done, failed, or held
 * behind a failure. The run is `succeeded` when all wrote (or had nothing to write, or ended with an
 * HCW warning only), else `failed`
 * (Retry sets it running again). Conditional on `running`, so of two workers finishing at once one
 * writes the end and the log line.
 */
export async function settleRun(options: {
  db: Db;
  acting: Pick<ActingContext, "tenant">;
  runId: string;
}): Promise<void> {
  const { db, acting, runId } = options;
  const operations = await db.operation.findMany({
    where: { runId, ...tenantScope(acting) },
    select: { planOperationId: true, status: true, dependsOn: true, error: true },
  });
  const blocked = blockedOperations(operations);
  const moving = operations.some(
    (operation) =>
      operation.status === "running" ||
      (operation.status === "pending" && !blocked.has(operation.planOperationId)),
  );
  if (moving) return;
  // The HCW's warnings (HCW8126: consent refused) leave the update done, with what to do said.
  const warnings = operations.filter(
    (operation) =>
      operation.status === "failed" && ZOperationFailureSchema.safeParse(operation.error).data?.warning,
  ).length;
  const failed = operations.filter((operation) => operation.status === "failed").length - warnings;
  const ended = await db.wizardRun.updateMany({
    where: { id: runId, ...tenantScope(acting), status: "running" },
    data: { status: failed > 0 ? "failed" : "succeeded", finishedAt: new Date() },
  });
  if (ended.count === 0) return;
  // A wizard run that made the hybrid is checked as the HCW's ValidateConfiguration does; an undo
  // left nothing to check, and a certificate change is validated by the admin when they choose to.
  if (failed === 0) {
    const run = await db.wizardRun.findFirst({
      where: { id: runId, ...tenantScope(acting) },
      select: { kind: true },
    });
    if (run?.kind === "wizard") await enqueueRunValidation({ queue: await getQueue(), acting, runId });
  }
  await appendRunLog({
    db,
    acting,
    runId,
    level: failed > 0 ? "error" : "info",
    message:
      failed > 0
        ? `The update stopped: ${failed} operation${failed === 1 ? "" : "s"} failed and ${blocked.size} wait${blocked.size === 1 ? "s" : ""} on ${failed === 1 ? "it" : "them"}. Fix what the errors say, then Retry.`
        : warnings > 0
          ? `The update finished with ${warnings} warning${warnings === 1 ? "" : "s"}: do what ${warnings === 1 ? "it says" : "they say"}, then run the wizard again.`
          : "The update finished: every operation succeeded.",
  });
}
