import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import type { RunGathered } from "@/lib/contracts/wizard-gather";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { getRunGathered } from "@/lib/wizard/runs/get-run-gathered";

export const dynamic = "force-dynamic";

export const GET = userRoute(
  { role: "viewer" },
  ZWizardRunParamsSchema,
  async (_request, { acting }, { runId }) =>
    NextResponse.json((await getRunGathered({ db: getDb(), acting, runId })) satisfies RunGathered),
);
