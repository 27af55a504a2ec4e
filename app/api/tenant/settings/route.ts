import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { type TenantSettings, ZTenantSettingsSchema } from "@/lib/contracts/tenant-settings";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { setMfaPolicy } from "@/lib/tenants/set-mfa-policy";

export const dynamic = "force-dynamic";

export const PATCH = userRoute({ role: "owner" }, async (request, { acting }) => {
  const settings = await readJsonBody(request, ZTenantSettingsSchema, BODY_LIMITS.small);
  await setMfaPolicy({ db: getDb(), acting, mfaPolicy: settings.mfaPolicy });
  return NextResponse.json(settings satisfies TenantSettings);
});
