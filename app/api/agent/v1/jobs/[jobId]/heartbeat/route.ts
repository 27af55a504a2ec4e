import { NextResponse } from "next/server";
import { agentRoute } from "@/lib/agents/agent-route";
import { ZHeartbeatRequestSchema } from "@/lib/agents/protocol";
import { renewAgentJobLease } from "@/lib/jobs/agent-jobs";

export const POST = agentRoute<{ jobId: string }>(async (request, { agent }, { jobId }) => {
  const { leaseToken } = ZHeartbeatRequestSchema.parse(await request.json());
  return NextResponse.json({ leaseExpiresAt: await renewAgentJobLease(agent.tenantId, jobId, leaseToken) });
});
