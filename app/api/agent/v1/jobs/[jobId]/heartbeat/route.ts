import { NextResponse } from "next/server";
import { agentRoute } from "@/lib/agents/agent-route";
import { ZHeartbeatRequestSchema } from "@/lib/agents/protocol";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { ZJobRouteParams } from "@/lib/http/route-params";
import { renewAgentJobLease } from "@/lib/jobs/agent-jobs";

export const POST = agentRoute(ZJobRouteParams, async (request, { agent }, { jobId }) => {
  const { leaseToken } = await readJsonBody(request, ZHeartbeatRequestSchema, BODY_LIMITS.small);
  return NextResponse.json({ leaseExpiresAt: await renewAgentJobLease(agent.tenantId, jobId, leaseToken) });
});
