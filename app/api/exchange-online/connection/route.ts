import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { getDb } from "@/lib/db";
import { checkExchangeOnlineConnection } from "@/lib/exchange/check-exchange-online-connection";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";

export const dynamic = "force-dynamic";

// The Exchange Online card's check: the signed-in admin's token, traded on their behalf, reaches
// their organization in Exchange Online. MFA demanded by Exchange comes back as interaction_required.
export const POST = userRoute({ role: "operator" }, async (_request, { acting, log }) => {
  const { accessToken } = await acquireExchangeOnlineToken({ db: getDb(), acting, logger: log });
  return NextResponse.json(await checkExchangeOnlineConnection({ acting, accessToken }));
});
