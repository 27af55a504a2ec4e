import type { PgBoss } from "pg-boss";
import type { UpdateProgress } from "@/lib/contracts/wizard-update";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Side } from "@/lib/generated/prisma/enums";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { changeRunAtVersion } from "@/lib/wizard/runs/change-run-at-version";
import { appendRunLog } from "./append-run-log";
import { getUpdateProgress } from "./get-update-progress";
import { ensureUpdateQueues, retryOperationJobs } from "./update-queues";

/**
 * Retry: the failed operations run again (each reads its object first, so what an earlier attempt
 * wrote is not written twice), and what waited on them follows as pg-boss releases it. The update
 * keeps acting as the admin who confirmed it. Conditional on the run's version, like every change.
 */
export async function retryUpdate(options: {
  db: Db;
  /** The update's pg-boss (getUpdateQueue). */
  updates: PgBoss;
  acting: ActingContext;
  runId: string;
  version: number;
}): Promise<UpdateProgress> {
  const { db, updates, acting, runId } = options;
  let retried: { id: string; side: Side }[] = [];
  await ensureUpdateQueues(updates);
  await changeRunAtVersion({
    db,
    acting,
    runId,
    version: options.version,
    kind: "update_retried",
    page: "update",
    write: (run) => {
      if (run.status !== "failed") {
        throw new AppError(
          "conflict",
          run.status === "paused"
            ? "This update waits for its admin to sign in again; it continues after that, no retry needed."
            : `Only a stopped update can be retried; this one is ${run.status}.`,
        );
      }
      return { status: "running", finishedAt: null };
    },
    alongside: async (tx) => {
      const failed = await tx.operation.findMany({
        where: { runId, ...tenantScope(acting), status: "failed" },
        select: { id: true, side: true },
      });
      await tx.operation.updateMany({
        where: { runId, ...tenantScope(acting), status: "failed" },
        data: {
          status: "pending",
          error: Prisma.DbNull,
          finishedAt: null,
          startedAt: null,
          attempts: { increment: 1 },
        },
      });
      // Sent back in this transaction: a retried run is never left running with its jobs ended.
      await retryOperationJobs(updates, tx, failed);
      retried = failed;
    },
  });
  await appendRunLog({
    db,
    acting,
    runId,
    level: "info",
    message: `Retry: ${retried.length} failed operation${retried.length === 1 ? "" : "s"} run again, and what waited on ${retried.length === 1 ? "it" : "them"}.`,
  });
  return getUpdateProgress({ db, acting, runId });
}
