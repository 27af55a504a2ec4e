import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import type { ValidationResponse } from "@/lib/contracts/wizard-done";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { validateRun } from "@/lib/wizard/validate/validate-run";

export const dynamic = "force-dynamic";

// Validate: runs the HCW's ValidateConfiguration checks against both sides now (probes, no writes).
export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  async (_request, { acting, log }, { runId }) => {
    const results = await validateRun({ db: getDb(), acting, runId, logger: log });
    return NextResponse.json({ results } satisfies ValidationResponse);
  },
);
