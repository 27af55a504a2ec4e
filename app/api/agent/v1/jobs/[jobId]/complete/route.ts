import { NextResponse } from "next/server";
import { agentRoute } from "@/lib/agents/agent-route";
import { ZCompleteJobRequestSchema, ZJobRouteParamsSchema } from "@/lib/agents/protocol";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { completeAgentJob } from "@/lib/jobs/agent-jobs";
import { getQueue } from "@/lib/jobs/get-queue";

export const POST = agentRoute(ZJobRouteParamsSchema, async (request, { acting }, { jobId }) => {
  const body = await readJsonBody(request, ZCompleteJobRequestSchema, BODY_LIMITS.jobReport);
  await completeAgentJob({ queue: await getQueue(), acting, jobId, body });
  return NextResponse.json({ ok: true });
});
