import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { type UpdateProgress, ZUpdateCommandRequestSchema } from "@/lib/contracts/wizard-update";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { idempotent } from "@/lib/http/idempotent";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getUpdateQueue } from "@/lib/jobs/get-queue";
import { retryUpdate } from "@/lib/wizard/update/retry-update";

export const dynamic = "force-dynamic";

export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  idempotent(async (request, { acting }, { runId }) => {
    const { version } = await readJsonBody(request, ZUpdateCommandRequestSchema, BODY_LIMITS.small);
    const progress = await retryUpdate({
      db: getDb(),
      updates: await getUpdateQueue(),
      acting,
      runId,
      version,
    });
    return NextResponse.json(progress satisfies UpdateProgress);
  }),
);
