import { NextResponse } from "next/server";
import { agentRoute } from "@/lib/agents/agent-route";
import { ZFailJobRequestSchema } from "@/lib/agents/protocol";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { ZJobRouteParams } from "@/lib/http/route-params";
import { failAgentJob } from "@/lib/jobs/agent-jobs";

export const POST = agentRoute(ZJobRouteParams, async (request, { agent }, { jobId }) => {
  await failAgentJob(
    agent.tenantId,
    jobId,
    await readJsonBody(request, ZFailJobRequestSchema, BODY_LIMITS.jobReport),
  );
  return NextResponse.json({ ok: true });
});
