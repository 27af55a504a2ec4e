import type { Db, DbTransaction } from "@/lib/db";
import type { LogLevel, Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { announceRunChanged } from "./run-events";

/**
 * One line of a run's log, kept in Postgres (so a restart loses nothing and every instance's page
 * reads the same), and announced to the pages listening. `details` carries what a person needs to
 * reproduce the step: cmdlet, parameters with secrets redacted, duration, output, error and fix.
 */
interface RunLogLine {
  acting: Pick<ActingContext, "tenant">;
  runId: string;
  operationId?: string;
  level: LogLevel;
  message: string;
  details?: Prisma.InputJsonObject;
}

/**
 * The line's row alone, for a caller that writes it in one transaction with what it reports (an
 * operation's outcome), and announces the run changed once that commits.
 */
export async function insertRunLogLine(db: Db | DbTransaction, line: RunLogLine): Promise<void> {
  await db.runLogEntry.create({
    data: {
      ...tenantScope(line.acting),
      runId: line.runId,
      operationId: line.operationId ?? null,
      level: line.level,
      message: line.message,
      ...(line.details ? { details: line.details } : {}),
    },
  });
}

export async function appendRunLog(options: RunLogLine & { db: Db }): Promise<void> {
  await insertRunLogLine(options.db, options);
  await announceRunChanged(options.runId);
}
