import { NextResponse } from "next/server";
import { selfCheckingAgentRoute } from "@/lib/agents/agent-route";
import { ZHeartbeatRequestSchema, ZJobRouteParamsSchema } from "@/lib/agents/protocol";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { renewAgentJobLease } from "@/lib/jobs/agent-jobs";
import { getQueue } from "@/lib/jobs/get-queue";

export const POST = selfCheckingAgentRoute(
  ZJobRouteParamsSchema,
  async (request, { acting, credential }, { jobId }) => {
    const { leaseToken } = await readJsonBody(request, ZHeartbeatRequestSchema, BODY_LIMITS.small);
    const leaseExpiresAt = await renewAgentJobLease({
      queue: await getQueue(),
      acting,
      credential,
      jobId,
      leaseToken,
    });
    return NextResponse.json({ leaseExpiresAt });
  },
);
