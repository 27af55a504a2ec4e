import type { RunLogLine } from "@/lib/contracts/wizard-update";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/** The run's log lines in order, after `afterId` (the last one a page has) when given. */
export async function readRunLog(options: {
  db: Db;
  acting: Pick<ActingContext, "tenant">;
  runId: string;
  afterId?: bigint;
}): Promise<{ lines: RunLogLine[]; lastId: bigint | undefined }> {
  const rows = await options.db.runLogEntry.findMany({
    where: {
      runId: options.runId,
      ...tenantScope(options.acting),
      ...(options.afterId === undefined ? {} : { id: { gt: options.afterId } }),
    },
    orderBy: { id: "asc" },
  });
  return {
    lastId: rows.at(-1)?.id ?? options.afterId,
    lines: rows.map((row) => ({
      id: row.id.toString(),
      at: row.at.toISOString(),
      level: row.level,
      message: row.message,
      operationId: row.operationId,
      details: (row.details as Record<string, unknown> | null) ?? null,
    })),
  };
}
