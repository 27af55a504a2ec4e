import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { WizardRun } from "@/lib/contracts/wizard-runs";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { FIRST_PAGE } from "@/lib/wizard/wizard-pages";
import { RUN_INCLUDE, runView } from "./run-view";

/** A new draft run of the acting tenant, on the wizard's first page, with no answers yet. */
export async function createRun(options: { db: Db; acting: ActingContext }): Promise<WizardRun> {
  const { acting } = options;
  return options.db.$transaction(async (tx) => {
    const run = await tx.wizardRun.create({
      data: {
        ...tenantScope(acting),
        createdById: acting.actor.kind === "user" ? acting.actor.userId : null,
        currentPage: FIRST_PAGE,
      },
      include: RUN_INCLUDE,
    });
    await recordAuditEvent(tx, {
      acting,
      action: "wizard_run.created",
      targetType: "WizardRun",
      targetId: run.id,
    });
    return runView(run);
  });
}
