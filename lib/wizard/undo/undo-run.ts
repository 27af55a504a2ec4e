import type { Logger } from "pino";
import type { UndoResponse } from "@/lib/contracts/wizard-done";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import type { ActingContext, UserActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { findRunRow } from "@/lib/wizard/runs/find-run-row";
import { valuesOf } from "@/lib/wizard/update/operation-output";
import { planSide } from "@/lib/wizard/update/operation-side";
import { type ExecutedOperation, ZExecutedOperationSchema } from "./executed-operation";
import { prepareRunUndo } from "./prepare-run-undo";
import { refuseUndoOfUndo } from "./refuse-undo-of-undo";

// The Done page's Undo this run: the run's Operation rows, as the orchestrator left them, become the
// undo library's executed operations; both sides are read now to build (or refuse) the inverse plan.

type OperationRow = Prisma.OperationGetPayload<object>;

/** A row back in the plan's terms; zod checks the JSON columns hold what the orchestrator wrote. */
function executedOf(row: OperationRow): ExecutedOperation {
  return ZExecutedOperationSchema.parse({
    id: row.planOperationId,
    side: planSide(row.side),
    task: row.task,
    action: row.action,
    kind: row.kind,
    cmdlet: row.cmdlet,
    parameters: row.parameters,
    identity: row.identity,
    before: row.before,
    after: row.after,
    dependsOn: row.dependsOn,
    ...(row.credentials ? { credentials: row.credentials } : {}),
    status: row.status,
    // SQL null (never read, a nop) and JSON null (read: the object did not exist) both mean nothing to restore.
    observedBefore: row.observedBefore ?? null,
    values: valuesOf(row.output),
  });
}

const NOT_SETTLED: Partial<Record<RunStatus, string>> = {
  draft: "This run has not updated anything yet, so there is nothing to undo.",
  planned: "This run's plan has not been confirmed, so nothing was updated to undo.",
  running: "This run's update is still running: Undo once it has finished.",
  paused: "This run's update is waiting for its admin to sign in again: finish or stop it before Undo.",
};

export async function undoRun(options: {
  db: Db;
  acting: UserActingContext;
  runId: string;
  logger?: Logger;
}): Promise<UndoResponse> {
  const { db, acting, runId } = options;
  const run = await findRunRow({ db, acting, runId });
  refuseUndoOfUndo(run);
  const unsettled = NOT_SETTLED[run.status];
  if (unsettled) return { status: "refused", reasons: [unsettled] };
  const executed = await executedOperationsOf({ db, acting, runId });
  return prepareRunUndo({ db, acting, runId, executed, logger: options.logger });
}

/** The run's Operation rows in the plan's order (which is an order they could have run in). */
export async function executedOperationsOf(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
}): Promise<ExecutedOperation[]> {
  const rows = await options.db.operation.findMany({
    where: { runId: options.runId, ...tenantScope(options.acting) },
    orderBy: { sequence: "asc" },
  });
  return rows.map(executedOf);
}
