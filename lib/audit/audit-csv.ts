import type { AuditQuery } from "@/lib/contracts/audit";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { AuditEvent, Prisma } from "@/lib/generated/prisma/client";
import { auditEventView } from "./audit-event-view";
import { auditFilters } from "./audit-where";

/** An export holds at most this many rows: more is a filter to narrow, not a file to wait for. */
export const MAX_EXPORT_ROWS = 100_000;
const BATCH = 1_000;

const COLUMNS = [
  "id",
  "at",
  "tenantId",
  "tenantName",
  "actorName",
  "actorUpn",
  "actorHomeTenantId",
  "action",
  "targetType",
  "targetId",
  "result",
  "ipAddress",
  "userAgent",
  "details",
] as const;

/**
 * The audit rows under `where` and the query's filters as CSV, newest first, streamed a thousand
 * rows at a time so a large export holds one batch in memory. Refused (400) above MAX_EXPORT_ROWS.
 */
export async function auditCsvStream(options: {
  db: Db;
  where: Prisma.AuditEventWhereInput;
  query: AuditQuery;
}): Promise<ReadableStream<Uint8Array>> {
  const { db } = options;
  const base = { AND: [options.where, auditFilters({ ...options.query, cursor: undefined })] };
  const count = await db.auditEvent.count({ where: base });
  if (count > MAX_EXPORT_ROWS) {
    throw new AppError(
      "bad_request",
      `${count} events match; an export holds at most ${MAX_EXPORT_ROWS}. Narrow the time range or the filters.`,
      { reason: "export_too_large", count, max: MAX_EXPORT_ROWS },
    );
  }
  const encoder = new TextEncoder();
  let cursor: bigint | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${COLUMNS.join(",")}\r\n`));
        return;
      }
      const rows: AuditEvent[] = await db.auditEvent.findMany({
        where: cursor === null ? base : { AND: [base, { id: { lt: cursor } }] },
        orderBy: { id: "desc" },
        take: BATCH,
      });
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(rows.map(csvLine).join("")));
        cursor = rows[rows.length - 1]?.id ?? null;
      }
      if (rows.length < BATCH) controller.close();
    },
  });
}

function csvLine(row: AuditEvent): string {
  // The same fields as the pages' view; details, a JSON value there, is its JSON text here.
  const { details, ...view } = auditEventView(row);
  const values: Record<(typeof COLUMNS)[number], string | null> = {
    ...view,
    details: row.details === null ? null : JSON.stringify(details),
  };
  return `${COLUMNS.map((column) => csvField(values[column])).join(",")}\r\n`;
}

/**
 * RFC 4180 quoting, and a leading apostrophe on a value a spreadsheet would run as a formula
 * (=, +, -, @): a user agent or a name is whatever the caller sent.
 */
export function csvField(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
