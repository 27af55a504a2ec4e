import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { type WizardRun, ZGoToPageRequestSchema, ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { goToPage } from "@/lib/wizard/runs/go-to-page";

export const dynamic = "force-dynamic";

export const PUT = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  async (request, { acting }, { runId }) => {
    const { version, page } = await readJsonBody(request, ZGoToPageRequestSchema, BODY_LIMITS.small);
    return NextResponse.json(
      (await goToPage({ db: getDb(), acting, runId, page, version })) satisfies WizardRun,
    );
  },
);
