import { type RunValidation, ZRunValidationSchema } from "@/lib/contracts/wizard-done";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { runNotFound } from "@/lib/wizard/runs/change-run-at-version";

/** The run's last Validate as the Done page shows it; null before the first. */
export async function getRunValidation(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
}): Promise<RunValidation | null> {
  const run = await options.db.wizardRun.findFirst({
    where: { id: options.runId, ...tenantScope(options.acting) },
    select: { validation: true },
  });
  if (!run) throw runNotFound();
  return run.validation === null ? null : ZRunValidationSchema.parse(run.validation);
}
