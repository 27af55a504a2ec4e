import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import type { UpdateProgress } from "@/lib/contracts/wizard-update";
import { getDb } from "@/lib/db";
import { getUpdateProgress } from "@/lib/wizard/update/get-update-progress";

export const dynamic = "force-dynamic";

export const GET = userRoute(
  { role: "viewer" },
  ZWizardRunParamsSchema,
  async (_request, { acting }, { runId }) =>
    NextResponse.json((await getUpdateProgress({ db: getDb(), acting, runId })) satisfies UpdateProgress),
);
