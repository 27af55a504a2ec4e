import { NextResponse } from "next/server";
import { findSignInRealm } from "@/lib/auth/find-sign-in-realm";
import { ZSignInAccountSchema } from "@/lib/contracts/sign-in-realm";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle-route";
import { searchParam } from "@/lib/http/search-param";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  const account = ZSignInAccountSchema.parse(searchParam(request, "account"));
  return NextResponse.json(await findSignInRealm({ db: getDb(), account }));
});
