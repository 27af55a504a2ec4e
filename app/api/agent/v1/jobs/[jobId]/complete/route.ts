import { NextResponse } from "next/server";
import { agentRoute } from "@/lib/agents/agent-route";
import { ZCompleteJobRequestSchema } from "@/lib/agents/protocol";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { ZJobRouteParams } from "@/lib/http/route-params";
import { completeAgentJob } from "@/lib/jobs/agent-jobs";

export const POST = agentRoute(ZJobRouteParams, async (request, { agent }, { jobId }) => {
  await completeAgentJob(
    agent.tenantId,
    jobId,
    await readJsonBody(request, ZCompleteJobRequestSchema, BODY_LIMITS.jobReport),
  );
  return NextResponse.json({ ok: true });
});
