import type { Db } from "@/lib/db";
import type { LogLevel, Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { announceRunChanged } from "./run-events";

/**
 * One line of a run's log, kept in Postgres (so a restart loses nothing and every instance's page
 * reads the same), and announced to the pages listening. `details` carries what a person needs to
 * reproduce the step: cmdlet, parameters with secrets redacted, duration, output, error and fix.
 */
export async function appendRunLog(options: {
  db: Db;
  acting: Pick<ActingContext, "tenant">;
  runId: string;
  operationId?: string;
  level: LogLevel;
  message: string;
  details?: Prisma.InputJsonObject;
}): Promise<void> {
  await options.db.runLogEntry.create({
    data: {
      ...tenantScope(options.acting),
      runId: options.runId,
      operationId: options.operationId ?? null,
      level: options.level,
      message: options.message,
      ...(options.details ? { details: options.details } : {}),
    },
  });
  await announceRunChanged(options.runId);
}
