import { NextResponse } from "next/server";
import { agentRoute } from "@/lib/agents/agent-route";
import { ZCompleteJobRequestSchema } from "@/lib/agents/protocol";
import { completeAgentJob } from "@/lib/jobs/agent-jobs";

export const POST = agentRoute<{ jobId: string }>(async (request, { agent }, { jobId }) => {
  await completeAgentJob(agent.tenantId, jobId, ZCompleteJobRequestSchema.parse(await request.json()));
  return NextResponse.json({ ok: true });
});
