import { NextResponse } from "next/server";
import { meResponse } from "@/lib/auth/me-response";
import { recordSignIn } from "@/lib/auth/record-sign-in";
import { userRoute } from "@/lib/auth/user-route";
import type { MeResponse } from "@/lib/contracts/me";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const GET = userRoute({ role: "viewer" }, async (_request, { acting }) => {
  const db = getDb();
  await recordSignIn({ db, acting });
  return NextResponse.json((await meResponse(db, acting)) satisfies MeResponse, {
    headers: { "cache-control": "no-store" },
  });
});
