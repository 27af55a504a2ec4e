import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { getLogger } from "@/lib/logger";
import { type ActingContext, actingAsService } from "@/lib/tenants/acting-context";
import { absentAdminOfRun } from "@/lib/wizard/update/absent-admin-of-run";
import { recordValidation } from "./record-validation";

// Validate starts by itself once a wizard run's update has succeeded, as the HCW's
// ValidateConfiguration phase follows its Configure: a pg-boss job (worked in every web instance,
// beside the update's), so it runs with no browser open and survives a restart, as the admin who
// confirmed the update. One job per run: the Done page's "Validate again" runs as whoever clicks it.

export const VALIDATION_QUEUE = "wizard-validate";

const ZValidationJobDataSchema = z.object({ tenantId: z.uuid(), runId: z.uuid() });

function ensureValidationQueue(boss: PgBoss): Promise<void> {
  return ensureQueue(boss, VALIDATION_QUEUE, {
    // A web server that dies mid-validation gives it to another (or to itself after its restart).
    heartbeatSeconds: 10,
    retryLimit: 2,
    retryDelay: 5,
    expireInSeconds: 3600,
  });
}

/** Queues the run's validation once: a second call for the same run (a repeated settle) adds nothing. */
export async function enqueueRunValidation(options: {
  queue: PgBoss;
  acting: Pick<ActingContext, "tenant">;
  runId: string;
}): Promise<void> {
  await ensureValidationQueue(options.queue);
  await options.queue.send(
    VALIDATION_QUEUE,
    ZValidationJobDataSchema.parse({ tenantId: options.acting.tenant.id, runId: options.runId }),
    { singletonKey: `validate:${options.runId}` },
  );
}

export async function startValidationWorker(options: { db: Db; queue: PgBoss }): Promise<void> {
  const { db, queue } = options;
  await ensureValidationQueue(queue);
  await queue.work(VALIDATION_QUEUE, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) {
      const { tenantId, runId } = ZValidationJobDataSchema.parse(job.data);
      const tenant = await db.tenant.findUnique({ where: { id: tenantId } });
      if (!tenant) continue;
      const acting = actingAsService(tenant, "validate after the update");
      const admin = await absentAdminOfRun({ db, acting, runId });
      // What stopped it (Entra wants the admin, the agent is away) is kept on the run and its log,
      // where the Done page shows it beside "Validate again"; asking again unbidden would say the same.
      await recordValidation({
        db,
        acting,
        runId,
        admin: { upn: admin.upn, accessToken: () => admin.token() },
      }).catch((error: Error) =>
        getLogger().warn({ runId, reason: error.message }, "validation after the update stopped"),
      );
    }
  });
}
