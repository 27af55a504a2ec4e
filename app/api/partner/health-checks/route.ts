import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { ZStartHealthChecksRequestSchema } from "@/lib/contracts/partner-dashboard";
import { getDb } from "@/lib/db";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getQueue } from "@/lib/jobs/get-queue";
import { actingPartner } from "@/lib/partners/acting-partner";
import { startHealthChecks } from "@/lib/partners/health/start-health-checks";

export const dynamic = "force-dynamic";

export const POST = userRoute({ role: "operator" }, async (request, { acting }) => {
  const body = await readJsonBody(request, ZStartHealthChecksRequestSchema, BODY_LIMITS.healthChecks);
  const db = getDb();
  const partner = await actingPartner({ db, acting });
  // The checks run without the browser, as this technician: trading their sign-in once now puts
  // their refresh token in their encrypted token cache (lib/partners/customer-token.ts).
  await acquireExchangeOnlineToken({ db, acting });
  const started = await startHealthChecks({
    db,
    queue: await getQueue(),
    partner,
    tenantIds: body.tenantIds,
  });
  return NextResponse.json(started, { status: 202 });
});
