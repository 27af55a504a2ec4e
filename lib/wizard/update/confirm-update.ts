import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import type { UpdateProgress } from "@/lib/contracts/wizard-update";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { writesOf } from "@/lib/wizard/plan/plan-types";
import { changeRunAtVersion } from "@/lib/wizard/runs/change-run-at-version";
import { planForRun } from "@/lib/wizard/runs/plan-for-run";
import { appendRunLog } from "./append-run-log";
import { getUpdateProgress } from "./get-update-progress";
import { rowSide } from "./operation-side";
import { settleRun } from "./settle-run";
import { ensureUpdateQueues, queueOperationJobs } from "./update-queues";

/**
 * The admin confirms the plan they reviewed: it is computed again from both sides as they are now,
 * and only if it is the very plan reviewed (same digest) is it frozen, as one Operation row per
 * operation with the run set running and acting as this admin, and its writes queued in the
 * update's pg-boss (`updates`) as one flow (each job held until those it depends on complete), in one transaction with its audit
 * row. Nothing in Exchange changes before this call.
 */
export async function confirmUpdate(options: {
  db: Db;
  queue: PgBoss;
  updates: PgBoss;
  acting: UserActingContext;
  runId: string;
  version: number;
  digest: string;
}): Promise<UpdateProgress> {
  const { db, queue, updates, acting, runId } = options;
  // Also leaves the admin's refresh token in their encrypted token cache, which the update acts with.
  const planned = await planForRun({ db, queue, acting, runId });
  if (writesOf(planned.plan).length === 0) {
    throw new AppError(
      "conflict",
      "Nothing to change: Exchange already is as this run's plan wants it, so there is no update to confirm.",
    );
  }
  if (planned.digest !== options.digest) {
    throw new AppError(
      "conflict",
      "The configuration changed since you reviewed the plan (someone changed an object, or an answer): review the plan again before you confirm.",
      { digest: planned.digest },
    );
  }
  const writes = new Set(planned.plan.operations.filter((o) => o.action !== "nop").map((o) => o.id));
  const rows = planned.plan.operations.map((operation, index) => {
    const write = writes.has(operation.id);
    const id = randomUUID();
    return {
      id,
      ...tenantScope(acting),
      runId,
      sequence: index + 1,
      planOperationId: operation.id,
      side: rowSide(operation.side),
      task: operation.task,
      action: operation.action,
      kind: operation.kind,
      identity: operation.identity,
      cmdlet: operation.cmdlet,
      parameters: operation.parameters,
      before: operation.before,
      after: operation.after,
      // A nop needs nothing done, so waiting on one is waiting on nothing.
      dependsOn: operation.dependsOn.filter((dependency) => writes.has(dependency)),
      ...(operation.credentials ? { credentials: operation.credentials } : {}),
      status: write ? ("pending" as const) : ("skipped" as const),
      attempts: 1,
      idempotencyKey: `${runId}:${operation.id}`,
      queueJobId: write ? id : null,
    } satisfies Prisma.OperationCreateManyInput;
  });
  const jobs = rows.filter((row) => row.queueJobId !== null);
  // Created outside the transaction (pg-boss's own statements); the jobs themselves go in it.
  if (jobs.length > 0) await ensureUpdateQueues(updates);
  const now = new Date();
  await changeRunAtVersion({
    db,
    acting,
    runId,
    version: options.version,
    kind: "update_confirmed",
    page: "update",
    write: (run) => {
      if (run.status !== "draft") {
        throw new AppError("conflict", `This run's plan was confirmed already (it is ${run.status}).`);
      }
      return {
        status: "running",
        currentPage: "update",
        confirmedById: acting.actor.userId,
        planDigest: planned.digest,
        plannedAt: planned.gatheredAt,
        startedAt: now,
      };
    },
    // The rows and their jobs commit with the run's new status, or none of them does: a process
    // that dies here leaves the run a draft with its answers, to confirm again.
    alongside: async (tx) => {
      await tx.operation.createMany({ data: rows.map((row) => ({ ...row, ...tenantScope(acting) })) });
      await queueOperationJobs(updates, tx, jobs, rows.length);
    },
  });
  await appendRunLog({
    db,
    acting,
    runId,
    level: "info",
    message: `${acting.actor.displayName} confirmed the plan: ${jobs.length} change${jobs.length === 1 ? "" : "s"}, ${rows.length - jobs.length} left as they are.`,
    details: { digest: planned.digest, confirmedBy: acting.actor.upn },
  });
  await settleRun({ db, acting, runId });
  return getUpdateProgress({ db, acting, runId });
}
