import { NextResponse } from "next/server";
import { z } from "zod";
import { agentRoute } from "@/lib/agents/agent-route";
import { ZCompleteJobRequestSchema } from "@/lib/agents/protocol";
import { completeAgentJob } from "@/lib/jobs/agent-jobs";
import { getQueue } from "@/lib/jobs/get-queue";

export const POST = agentRoute<{ jobId: string }>(async (request, { acting }, params) => {
  const jobId = z.uuid("Not a job id").parse(params.jobId);
  const body = ZCompleteJobRequestSchema.parse(await request.json());
  await completeAgentJob({ queue: await getQueue(), acting, jobId, body });
  return NextResponse.json({ ok: true });
});
