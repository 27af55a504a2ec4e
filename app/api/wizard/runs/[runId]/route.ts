import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { type WizardRun, ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { getRun } from "@/lib/wizard/runs/get-run";

export const dynamic = "force-dynamic";

export const GET = userRoute(
  { role: "viewer" },
  ZWizardRunParamsSchema,
  async (_request, { acting }, { runId }) => {
    return NextResponse.json((await getRun({ db: getDb(), acting, runId })) satisfies WizardRun);
  },
);
