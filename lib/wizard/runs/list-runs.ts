import type { WizardRunListResponse } from "@/lib/contracts/wizard-runs";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { decodeRunCursor, encodeRunCursor } from "./run-cursor";
import { RUN_INCLUDE, runSummary } from "./run-view";

/**
 * The acting tenant's runs, newest first, a page at a time. The cursor is the last run's
 * (createdAt, id), so a run created meanwhile neither shifts nor repeats the pages after it.
 */
export async function listRuns(options: {
  db: Db;
  acting: ActingContext;
  cursor?: string | undefined;
  limit: number;
}): Promise<WizardRunListResponse> {
  const after = options.cursor === undefined ? undefined : decodeRunCursor(options.cursor);
  const rows = await options.db.wizardRun.findMany({
    where: {
      ...tenantScope(options.acting),
      ...(after && {
        OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    include: RUN_INCLUDE,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    runs: page.map(runSummary),
    nextCursor: rows.length > options.limit && last ? encodeRunCursor(last) : null,
  };
}
