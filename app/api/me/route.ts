import { NextResponse } from "next/server";
import { toMeResponse } from "@/lib/auth/me-response";
import { recordSignIn } from "@/lib/auth/record-sign-in";
import { userRoute } from "@/lib/auth/user-route";
import type { MeResponse } from "@/lib/contracts/me";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const GET = userRoute({ role: "viewer" }, async (_request, { acting }) => {
  await recordSignIn({ db: getDb(), acting });
  return NextResponse.json(toMeResponse(acting) satisfies MeResponse, {
    headers: { "cache-control": "no-store" },
  });
});
