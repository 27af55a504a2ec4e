import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import type { DetectedServers } from "@/lib/contracts/wizard-gather";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { getQueue } from "@/lib/jobs/get-queue";
import { detectExchangeServers } from "@/lib/wizard/runs/detect-exchange-servers";

export const dynamic = "force-dynamic";

// The Environment page's detection: Get-ExchangeServer through the tenant's agent.
export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  async (_request, { acting }, { runId }) =>
    NextResponse.json(
      (await detectExchangeServers({
        db: getDb(),
        queue: await getQueue(),
        acting,
        runId,
      })) satisfies DetectedServers,
    ),
);
