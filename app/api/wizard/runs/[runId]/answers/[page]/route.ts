import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import {
  type WizardRun,
  ZPageAnswersParamsSchema,
  ZSavePageAnswersRequestSchema,
} from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { savePageAnswers } from "@/lib/wizard/runs/save-page-answers";

export const dynamic = "force-dynamic";

export const PUT = userRoute(
  { role: "operator" },
  ZPageAnswersParamsSchema,
  async (request, { acting }, { runId, page }) => {
    const { version, answers, next } = await readJsonBody(
      request,
      ZSavePageAnswersRequestSchema,
      BODY_LIMITS.pageAnswers,
    );
    const run = await savePageAnswers({ db: getDb(), acting, runId, page, answers, version, next });
    return NextResponse.json(run satisfies WizardRun);
  },
);
