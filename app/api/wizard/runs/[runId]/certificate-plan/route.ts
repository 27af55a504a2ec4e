import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { type PlanResponse, ZCertificatePlanRequestSchema } from "@/lib/contracts/wizard-done";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { planCertificateReplacement } from "@/lib/wizard/transport-certificate/plan-certificate-replacement";

export const dynamic = "force-dynamic";

// Replace the transport certificate: its plan for review. Nothing changes here; running it is an update.
export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  async (request, { acting, log }, { runId }) => {
    const { thumbprint } = await readJsonBody(request, ZCertificatePlanRequestSchema, BODY_LIMITS.small);
    const plan = await planCertificateReplacement({ db: getDb(), acting, runId, thumbprint, logger: log });
    return NextResponse.json({ plan } satisfies PlanResponse);
  },
);
