import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { type UpdateProgress, ZConfirmPlanRequestSchema } from "@/lib/contracts/wizard-update";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { idempotent } from "@/lib/http/idempotent";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getQueue, getUpdateQueue } from "@/lib/jobs/get-queue";
import { confirmUpdate } from "@/lib/wizard/update/confirm-update";

export const dynamic = "force-dynamic";

export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  idempotent(async (request, { acting }, { runId }) => {
    const { version, digest } = await readJsonBody(request, ZConfirmPlanRequestSchema, BODY_LIMITS.small);
    const progress = await confirmUpdate({
      db: getDb(),
      queue: await getQueue(),
      updates: await getUpdateQueue(),
      acting,
      runId,
      version,
      digest,
    });
    return NextResponse.json(progress satisfies UpdateProgress, { status: 202 });
  }),
);
