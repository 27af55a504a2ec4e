import { NextResponse } from "next/server";
import { z } from "zod";
import { agentRoute } from "@/lib/agents/agent-route";
import { ZHeartbeatRequestSchema } from "@/lib/agents/protocol";
import { renewAgentJobLease } from "@/lib/jobs/agent-jobs";
import { getQueue } from "@/lib/jobs/get-queue";

export const POST = agentRoute<{ jobId: string }>(async (request, { acting }, params) => {
  const jobId = z.uuid("Not a job id").parse(params.jobId);
  const { leaseToken } = ZHeartbeatRequestSchema.parse(await request.json());
  const leaseExpiresAt = await renewAgentJobLease({ queue: await getQueue(), acting, jobId, leaseToken });
  return NextResponse.json({ leaseExpiresAt });
});
