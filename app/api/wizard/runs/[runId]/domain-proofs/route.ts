import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import {
  type DomainProofsResponse,
  ZReadDomainProofsRequestSchema,
} from "@/lib/contracts/wizard-domain-proofs";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { idempotent } from "@/lib/http/idempotent";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getQueue } from "@/lib/jobs/get-queue";
import { readDomainProofs } from "@/lib/wizard/runs/read-domain-proofs";

export const dynamic = "force-dynamic";

export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  idempotent(async (request, { acting }, { runId }) => {
    const { createTrust } = await readJsonBody(request, ZReadDomainProofsRequestSchema, BODY_LIMITS.small);
    const proofs = await readDomainProofs({
      db: getDb(),
      queue: await getQueue(),
      acting,
      runId,
      createTrust,
    });
    return NextResponse.json({ proofs } satisfies DomainProofsResponse);
  }),
);
