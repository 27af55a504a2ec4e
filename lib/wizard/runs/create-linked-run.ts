import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { WizardRun } from "@/lib/contracts/wizard-runs";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { refuseUndoOfUndo } from "@/lib/wizard/undo/refuse-undo-of-undo";
import { findRunRow } from "./find-run-row";
import { RUN_INCLUDE, runView } from "./run-view";

// Undo this run and Replace the transport certificate run as runs of their own, linked to the run
// they start from: reviewed on the Review plan page, confirmed and run by the same orchestrator,
// with their own Operation rows and log. Only their plan differs (plan-of-kind.ts).

export async function createLinkedRun(options: {
  db: Db;
  acting: UserActingContext;
  sourceRunId: string;
  link: { kind: "undo" } | { kind: "certificate"; thumbprint: string };
}): Promise<WizardRun> {
  const { db, acting, link } = options;
  const source = await findRunRow({ db, acting, runId: options.sourceRunId });
  if (link.kind === "undo") {
    refuseUndoOfUndo(source);
    if (source.status !== "succeeded" && source.status !== "failed") {
      throw new AppError("conflict", "Only a run whose update has finished can be undone.");
    }
  }
  return db.$transaction(async (tx) => {
    const run = await tx.wizardRun.create({
      data: {
        ...tenantScope(acting),
        createdById: acting.actor.userId,
        // The source's answers: the certificate plan reads them, and the pages before Review are answered.
        answers: source.answers ?? {},
        agentId: source.agentId,
        currentPage: "review",
        kind: link.kind,
        sourceRunId: source.id,
        certificateThumbprint: link.kind === "certificate" ? link.thumbprint : null,
      },
      include: RUN_INCLUDE,
    });
    await recordAuditEvent(tx, {
      acting,
      action: "wizard_run.created",
      targetType: "WizardRun",
      targetId: run.id,
      details: { kind: link.kind, sourceRunId: source.id },
    });
    return runView(run);
  });
}
