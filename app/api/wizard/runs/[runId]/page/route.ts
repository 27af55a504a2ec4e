import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { type WizardRun, ZGoToPageRequestSchema, ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { goToPage } from "@/lib/wizard/runs/go-to-page";

export const dynamic = "force-dynamic";

export const PUT = userRoute<{ runId: string }>(async (request, { acting }, params) => {
  const { runId } = ZWizardRunParamsSchema.parse(params);
  const { version, page } = ZGoToPageRequestSchema.parse(await request.json());
  return NextResponse.json(
    (await goToPage({ db: getDb(), acting, runId, page, version })) satisfies WizardRun,
  );
});
