import { NextResponse } from "next/server";
import type { AuditPage, AuditQuery } from "@/lib/contracts/audit";
import type { Db } from "@/lib/db";
import { auditCsvStream } from "./audit-csv";
import { auditPage } from "./audit-page";
import type { AuditScope } from "./audit-scope";

/** An Audit page's answer: one page of JSON, or (`format=csv`) the whole filtered trail as a CSV download. */
export async function auditResponse(options: {
  db: Db;
  scope: AuditScope;
  query: AuditQuery;
}): Promise<Response> {
  const { db, scope, query } = options;
  if (query.format === "json") {
    return NextResponse.json((await auditPage({ db, ...scope, query })) satisfies AuditPage);
  }
  const stream = await auditCsvStream({ db, where: scope.where, query });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${day}.csv"`,
    },
  });
}
