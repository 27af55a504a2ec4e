import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { ZCertificatePlanRequestSchema } from "@/lib/contracts/wizard-done";
import { type WizardRun, ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { idempotent } from "@/lib/http/idempotent";
import { readJsonBody } from "@/lib/http/read-json-body";
import { createLinkedRun } from "@/lib/wizard/runs/create-linked-run";

export const dynamic = "force-dynamic";

// Run the certificate change: a new run whose plan touches only the certificate settings.
export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  idempotent(async (request, { acting }, { runId }) => {
    const { thumbprint } = await readJsonBody(request, ZCertificatePlanRequestSchema, BODY_LIMITS.small);
    const run = await createLinkedRun({
      db: getDb(),
      acting,
      sourceRunId: runId,
      link: { kind: "certificate", thumbprint },
    });
    return NextResponse.json(run satisfies WizardRun, { status: 201 });
  }),
);
