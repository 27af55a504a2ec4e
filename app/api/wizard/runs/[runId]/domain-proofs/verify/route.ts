import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { type DomainProofCheck, ZVerifyDomainProofRequestSchema } from "@/lib/contracts/wizard-domain-proofs";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { getDnsEnv } from "@/lib/env";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { verifyRunDomainProof } from "@/lib/wizard/runs/verify-run-domain-proof";

export const dynamic = "force-dynamic";

// Verify: a real DNS TXT lookup through DNS_RESOLVERS (the machine's resolvers when unset).
export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  async (request, { acting }, { runId }) => {
    const { domain } = await readJsonBody(request, ZVerifyDomainProofRequestSchema, BODY_LIMITS.small);
    const resolvers = getDnsEnv().DNS_RESOLVERS;
    return NextResponse.json(
      (await verifyRunDomainProof({
        db: getDb(),
        acting,
        runId,
        domain,
        resolvers,
      })) satisfies DomainProofCheck,
    );
  },
);
