import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { ZBatchRouteParams } from "@/lib/contracts/partner-dashboard";
import { getDb } from "@/lib/db";
import { actingPartner } from "@/lib/partners/acting-partner";
import { getHealthCheckBatch } from "@/lib/partners/health/get-health-check-batch";

export const dynamic = "force-dynamic";

export const GET = userRoute(
  { role: "viewer" },
  ZBatchRouteParams,
  async (_request, { acting }, { batchId }) => {
    const db = getDb();
    return NextResponse.json(
      await getHealthCheckBatch({ db, partner: await actingPartner({ db, acting }), batchId }),
    );
  },
);
