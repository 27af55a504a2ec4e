import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { runNotFound } from "./change-run-at-version";
import { RUN_INCLUDE, type RunRow } from "./run-view";

/** The acting tenant's run row, or the run's 404: what the gather and proof operations start from. */
export async function findRunRow(options: { db: Db; acting: ActingContext; runId: string }): Promise<RunRow> {
  const run = await options.db.wizardRun.findFirst({
    where: { id: options.runId, ...tenantScope(options.acting) },
    include: RUN_INCLUDE,
  });
  if (!run) throw runNotFound();
  return run;
}
