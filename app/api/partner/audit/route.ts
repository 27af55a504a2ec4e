import { auditResponse } from "@/lib/audit/audit-response";
import { partnerAuditScope } from "@/lib/audit/audit-scope";
import { userRoute } from "@/lib/auth/user-route";
import { ZAuditQuerySchema } from "@/lib/contracts/audit";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

// The audit trail across the acting partner's customers (signed in at the partner's own tenant).
export const GET = userRoute({ role: "viewer" }, async (request, { acting }) => {
  const db = getDb();
  const query = ZAuditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return auditResponse({ db, scope: await partnerAuditScope({ db, acting, query }), query });
});
