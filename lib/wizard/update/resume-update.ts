import type { PgBoss } from "pg-boss";
import type { UpdateProgress } from "@/lib/contracts/wizard-update";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { changeRunAtVersion } from "@/lib/wizard/runs/change-run-at-version";
import { appendRunLog } from "./append-run-log";
import { getUpdateProgress } from "./get-update-progress";
import { ensureUpdateQueues, retryOperationJobs } from "./update-queues";

/**
 * After "sign in again to continue": the admin's new sign-in is traded on-behalf-of once, which
 * leaves a fresh refresh token in their encrypted cache, and the update goes on acting as them
 * from the operations that waited. Entra refusing again (MFA not done) leaves the run paused.
 */
export async function resumeUpdate(options: {
  db: Db;
  /** The update's pg-boss (getUpdateQueue). */
  updates: PgBoss;
  acting: UserActingContext;
  runId: string;
  version: number;
}): Promise<UpdateProgress> {
  const { db, updates, acting, runId } = options;
  // Another tenant's run is not found before anything is asked of Entra.
  await getUpdateProgress({ db, acting, runId });
  await acquireExchangeOnlineToken({ db, acting });
  await ensureUpdateQueues(updates);
  await changeRunAtVersion({
    db,
    acting,
    runId,
    version: options.version,
    kind: "update_resumed",
    page: "update",
    write: (run) => {
      if (run.status !== "paused") {
        throw new AppError("conflict", `Only a paused update resumes; this one is ${run.status}.`);
      }
      return { status: "running", pausedReason: null, confirmedById: acting.actor.userId };
    },
    // The operations the pause ended go back to their queues with the run's new status, or not at all.
    alongside: async (tx) => {
      const waiting = await tx.operation.findMany({
        where: { runId, ...tenantScope(acting), status: "pending", queueJobId: { not: null } },
        select: { id: true, side: true },
      });
      await retryOperationJobs(updates, tx, waiting);
    },
  });
  await appendRunLog({
    db,
    acting,
    runId,
    level: "info",
    message: `${acting.actor.displayName} signed in again: the update continues as them.`,
  });
  return getUpdateProgress({ db, acting, runId });
}
