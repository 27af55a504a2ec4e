import { NextResponse } from "next/server";
import { acquireOnBehalfOfToken } from "@/lib/auth/on-behalf-of-token";
import { userRoute } from "@/lib/auth/user-route";
import { getDb } from "@/lib/db";
import { checkComplianceConnection } from "@/lib/exchange/check-compliance-connection";
import { SECURITY_AND_COMPLIANCE_API } from "@/lib/exchange/compliance-token";

export const dynamic = "force-dynamic";

// The Credentials page's Security & Compliance check: the signed-in admin's token, traded on their
// behalf for the compliance endpoint of their cloud, reads the tenant's sensitivity labels there.
export const POST = userRoute({ role: "operator" }, async (_request, { acting, log }) => {
  const { accessToken } = await acquireOnBehalfOfToken({
    db: getDb(),
    acting,
    logger: log,
    api: SECURITY_AND_COMPLIANCE_API,
  });
  return NextResponse.json(await checkComplianceConnection({ tenant: acting.tenant, accessToken }));
});
