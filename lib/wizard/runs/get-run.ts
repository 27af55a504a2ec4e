import type { WizardRun } from "@/lib/contracts/wizard-runs";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { runNotFound } from "./change-run-at-version";
import { RUN_INCLUDE, runView } from "./run-view";

/** One run of the acting tenant with its answers: what a page resumes from. */
export async function getRun(options: { db: Db; acting: ActingContext; runId: string }): Promise<WizardRun> {
  const run = await options.db.wizardRun.findFirst({
    where: { id: options.runId, ...tenantScope(options.acting) },
    include: RUN_INCLUDE,
  });
  if (!run) throw runNotFound();
  return runView(run);
}
