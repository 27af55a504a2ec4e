import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { type TenantSettings, ZTenantSettingsSchema } from "@/lib/contracts/tenant-settings";
import { getDb } from "@/lib/db";
import { setMfaPolicy } from "@/lib/tenants/set-mfa-policy";

export const dynamic = "force-dynamic";

export const PATCH = userRoute(async (request, { acting }) => {
  const settings = ZTenantSettingsSchema.parse(await request.json());
  await setMfaPolicy({ db: getDb(), acting, mfaPolicy: settings.mfaPolicy });
  return NextResponse.json(settings satisfies TenantSettings);
});
