import { NextResponse } from "next/server";
import { agentRoute } from "@/lib/agents/agent-route";
import { ZFailJobRequestSchema } from "@/lib/agents/protocol";
import { failAgentJob } from "@/lib/jobs/agent-jobs";

export const POST = agentRoute<{ jobId: string }>(async (request, { agent }, { jobId }) => {
  await failAgentJob(agent.tenantId, jobId, ZFailJobRequestSchema.parse(await request.json()));
  return NextResponse.json({ ok: true });
});
