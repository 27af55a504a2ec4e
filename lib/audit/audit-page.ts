import type { AuditPage, AuditQuery } from "@/lib/contracts/audit";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditEventView } from "./audit-event-view";
import { auditFilters } from "./audit-where";

/** One page of audit rows under `where` (which names the tenants), newest first, and its cursor. */
export async function auditPage(options: {
  db: Db;
  where: Prisma.AuditEventWhereInput;
  query: AuditQuery;
  tenants: AuditPage["tenants"];
}): Promise<AuditPage> {
  const { query } = options;
  const rows = await options.db.auditEvent.findMany({
    where: { AND: [options.where, auditFilters(query)] },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const more = rows.length > query.limit;
  return {
    events: page.map(auditEventView),
    nextCursor: more ? (page.at(-1)?.id.toString() ?? null) : null,
    tenants: options.tenants,
  };
}
