import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { ZHealthScheduleRequestSchema } from "@/lib/contracts/partner-dashboard";
import { getDb } from "@/lib/db";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getQueue } from "@/lib/jobs/get-queue";
import { actingPartner } from "@/lib/partners/acting-partner";
import { getHealthSchedule, setHealthSchedule } from "@/lib/partners/health/health-schedule";

export const dynamic = "force-dynamic";

export const GET = userRoute({ role: "viewer" }, async (_request, { acting }) => {
  const db = getDb();
  return NextResponse.json({
    schedule: await getHealthSchedule({ db, partner: await actingPartner({ db, acting }) }),
  });
});

export const PUT = userRoute({ role: "owner" }, async (request, { acting }) => {
  const body = await readJsonBody(request, ZHealthScheduleRequestSchema, BODY_LIMITS.small);
  const db = getDb();
  const partner = await actingPartner({ db, acting });
  // The scheduled checks act as this technician: their refresh token goes into the cache now.
  await acquireExchangeOnlineToken({ db, acting });
  return NextResponse.json({
    schedule: await setHealthSchedule({ db, queue: await getQueue(), partner, request: body }),
  });
});
