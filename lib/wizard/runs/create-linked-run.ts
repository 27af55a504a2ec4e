import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { WizardRun } from "@/lib/contracts/wizard-runs";
import type { Db } from "@/lib/db";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { undoNotPossible } from "@/lib/wizard/undo/undo-not-possible";
import { undoRun } from "@/lib/wizard/undo/undo-run";
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
    // Refused here as on the Done page, so a refused Undo leaves no draft run in the tenant's list.
    const undo = await undoRun({ db, acting, runId: source.id });
    if (undo.status === "refused") throw undoNotPossible(undo.reasons);
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
