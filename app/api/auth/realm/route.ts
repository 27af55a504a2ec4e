import { NextResponse } from "next/server";
import { findSignInRealm, ZSignInAccount } from "@/lib/auth/find-sign-in-realm";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  const account = ZSignInAccount.parse(new URL(request.url).searchParams.get("account") ?? "");
  return NextResponse.json(await findSignInRealm(getDb(), account));
});
