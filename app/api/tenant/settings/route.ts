import { NextResponse } from "next/server";
import { z } from "zod";
import { userRoute } from "@/lib/auth/user-route";
import { getDb } from "@/lib/db";
import { setMfaPolicy } from "@/lib/tenants/set-mfa-policy";

export const dynamic = "force-dynamic";

const ZTenantSettings = z.object({
  mfaPolicy: z.enum(["Required", "Optional"], { error: "mfaPolicy must be Required or Optional" }),
});

export const PATCH = userRoute(async (request, { acting }) => {
  const settings = ZTenantSettings.parse(await request.json());
  await setMfaPolicy({ db: getDb(), acting, mfaPolicy: settings.mfaPolicy });
  return NextResponse.json(settings);
});
