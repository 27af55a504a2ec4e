import { NextResponse } from "next/server";
import { z } from "zod";
import { userRoute } from "@/lib/auth/user-route";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { clientAddress } from "@/lib/http/client-address";
import { readJsonBody } from "@/lib/http/read-json-body";
import { setMfaPolicy } from "@/lib/tenants/set-mfa-policy";

export const dynamic = "force-dynamic";

const ZTenantSettings = z.object({
  mfaPolicy: z.enum(["Required", "Optional"], { error: "mfaPolicy must be Required or Optional" }),
});

export const PATCH = userRoute(async (request, { principal }) => {
  const settings = await readJsonBody(request, ZTenantSettings, BODY_LIMITS.small);
  await setMfaPolicy({
    db: getDb(),
    tenantId: principal.tenant.id,
    actor: {
      userId: principal.user.id,
      isGlobalAdministrator: principal.directoryRoles.includes("GlobalAdministrator"),
      mfa: principal.mfa,
    },
    mfaPolicy: settings.mfaPolicy,
    ipAddress: clientAddress(request),
  });
  return NextResponse.json(settings);
});
