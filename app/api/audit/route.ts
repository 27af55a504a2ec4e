import { auditResponse } from "@/lib/audit/audit-response";
import { tenantAuditScope } from "@/lib/audit/audit-scope";
import { userRoute } from "@/lib/auth/user-route";
import { ZAuditQuerySchema } from "@/lib/contracts/audit";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

// The acting tenant's audit trail: a page of JSON, or `format=csv` for the whole filtered trail.
export const GET = userRoute({ role: "viewer" }, async (request, { acting }) => {
  const query = ZAuditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return auditResponse({ db: getDb(), scope: tenantAuditScope(acting), query });
});
