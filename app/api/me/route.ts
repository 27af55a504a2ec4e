import { NextResponse } from "next/server";
import { toMeResponse } from "@/lib/auth/me-response";
import { recordSignIn } from "@/lib/auth/record-sign-in";
import { userRoute } from "@/lib/auth/user-route";
import { getDb } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";

export const dynamic = "force-dynamic";

export const GET = userRoute(async (request, { principal }) => {
  await recordSignIn({
    db: getDb(),
    principal,
    ipAddress: clientAddress(request),
    userAgent: request.headers.get("user-agent"),
  });
  return NextResponse.json(toMeResponse(principal), { headers: { "cache-control": "no-store" } });
});
