import type { RunLogDocument } from "@/lib/contracts/wizard-update";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { runNotFound } from "@/lib/wizard/runs/change-run-at-version";
import { readRunLog } from "./read-run-log";

/** The whole log of a run, for download. */
export async function runLogDocument(options: {
  db: Db;
  acting: Pick<ActingContext, "tenant">;
  runId: string;
}): Promise<RunLogDocument> {
  const run = await options.db.wizardRun.findFirst({
    where: { id: options.runId, ...tenantScope(options.acting) },
    select: { status: true },
  });
  if (!run) throw runNotFound();
  const { lines } = await readRunLog(options);
  return { runId: options.runId, tenant: options.acting.tenant.displayName, status: run.status, lines };
}
