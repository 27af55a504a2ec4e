import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import {
  type WizardRun,
  ZPageAnswersParamsSchema,
  ZSavePageAnswersRequestSchema,
} from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { savePageAnswers } from "@/lib/wizard/runs/save-page-answers";

export const dynamic = "force-dynamic";

export const PUT = userRoute<{ runId: string; page: string }>(async (request, { acting }, params) => {
  const { runId, page } = ZPageAnswersParamsSchema.parse(params);
  const { version, answers } = ZSavePageAnswersRequestSchema.parse(await request.json());
  const run = await savePageAnswers({ db: getDb(), acting, runId, page, answers, version });
  return NextResponse.json(run satisfies WizardRun);
});
