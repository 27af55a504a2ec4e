import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { type WizardRun, ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { idempotent } from "@/lib/http/idempotent";
import { createLinkedRun } from "@/lib/wizard/runs/create-linked-run";

export const dynamic = "force-dynamic";

// Run the undo: a new run whose plan is this run's inverse, to review and confirm like any plan.
export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  idempotent(async (_request, { acting }, { runId }) => {
    const run = await createLinkedRun({ db: getDb(), acting, sourceRunId: runId, link: { kind: "undo" } });
    return NextResponse.json(run satisfies WizardRun, { status: 201 });
  }),
);
