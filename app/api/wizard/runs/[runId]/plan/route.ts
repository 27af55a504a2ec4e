import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import type { RunPlanResponse } from "@/lib/contracts/wizard-update";
import { getDb } from "@/lib/db";
import { getQueue } from "@/lib/jobs/get-queue";
import { planForRun } from "@/lib/wizard/runs/plan-for-run";
import { runPlanResponse } from "@/lib/wizard/runs/run-plan-response";

export const dynamic = "force-dynamic";

export const GET = userRoute(
  { role: "viewer" },
  ZWizardRunParamsSchema,
  async (_request, { acting }, { runId }) => {
    const planned = await planForRun({ db: getDb(), queue: await getQueue(), acting, runId });
    return NextResponse.json(runPlanResponse(planned) satisfies RunPlanResponse);
  },
);
