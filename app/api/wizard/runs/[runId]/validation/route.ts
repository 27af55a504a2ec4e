import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import type { RunValidationResponse, ValidationResponse } from "@/lib/contracts/wizard-done";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import { getRun } from "@/lib/wizard/runs/get-run";
import { getRunValidation } from "@/lib/wizard/validate/get-run-validation";
import { recordValidation } from "@/lib/wizard/validate/record-validation";

export const dynamic = "force-dynamic";

// The run's last Validate: the one that ran by itself after the update, or the last "Validate again".
export const GET = userRoute(
  { role: "viewer" },
  ZWizardRunParamsSchema,
  async (_request, { acting }, { runId }) => {
    const validation = await getRunValidation({ db: getDb(), acting, runId });
    return NextResponse.json({ validation } satisfies RunValidationResponse);
  },
);

// Validate again: the HCW's ValidateConfiguration checks against both sides now (probes, no
// writes), as the signed-in admin, kept as the run's last Validate.
export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  async (_request, { acting, log }, { runId }) => {
    const db = getDb();
    await getRun({ db, acting, runId });
    // Asked first: Entra's "sign in again" (a claims challenge) goes to the browser as it is.
    const { accessToken } = await acquireExchangeOnlineToken({ db, acting, logger: log });
    const validation = await recordValidation({
      db,
      acting,
      runId,
      admin: { upn: acting.actor.upn, accessToken: async () => accessToken },
    });
    return NextResponse.json({ results: validation.results } satisfies ValidationResponse);
  },
);
