import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { WizardRun } from "@/lib/contracts/wizard-runs";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import type { WizardPageId } from "@/lib/wizard/wizard-pages";
import { type RunChangeKind, runChangeAction } from "./run-changes";
import { RUN_INCLUDE, type RunRow, runView } from "./run-view";
import { versionConflict } from "./version-conflict";

export interface RunChangeRequest {
  db: Db;
  acting: ActingContext;
  runId: string;
  /** The version the caller read: the change is made only if the run is still at it. */
  version: number;
  kind: RunChangeKind;
  page: WizardPageId;
  /** What to write, from the run as it is at `version`; throws to refuse (nothing is written). */
  write: (run: RunRow) => Omit<Prisma.WizardRunUpdateManyMutationInput, "version">;
  /** Rows the change brings with it (a confirmed plan's operations), in the same transaction. */
  alongside?: (tx: Prisma.TransactionClient, run: RunRow) => Promise<void>;
}

export function runNotFound(): AppError {
  return new AppError("not_found", "There is no wizard run with this id in this tenant.");
}

/**
 * Optimistic concurrency: the update is conditional on `version` and increments it, so of two
 * tabs that read the same version exactly one wins (Postgres re-checks the condition once the
 * first commits) and the other is told what changed. The audit row lands in the same transaction.
 */
export async function changeRunAtVersion(request: RunChangeRequest): Promise<WizardRun> {
  const { acting, runId, version, kind, page } = request;
  return request.db.$transaction(async (tx) => {
    const run = await tx.wizardRun.findFirst({
      where: { id: runId, ...tenantScope(acting) },
      include: RUN_INCLUDE,
    });
    if (!run) throw runNotFound();
    if (run.version !== version) throw await versionConflict(tx, acting, run, version);
    const updated = await tx.wizardRun.updateMany({
      where: { id: runId, ...tenantScope(acting), version },
      data: { ...request.write(run), version: { increment: 1 } },
    });
    const now = await tx.wizardRun.findFirstOrThrow({
      where: { id: runId, ...tenantScope(acting) },
      include: RUN_INCLUDE,
    });
    if (updated.count === 0) throw await versionConflict(tx, acting, now, version);
    await request.alongside?.(tx, now);
    await recordAuditEvent(tx, {
      acting,
      action: runChangeAction(kind),
      targetType: "WizardRun",
      targetId: runId,
      details: { page, version: now.version },
    });
    return runView(now);
  });
}
