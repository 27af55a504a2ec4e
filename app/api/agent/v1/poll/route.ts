import { NextResponse } from "next/server";
import { agentRoute } from "@/lib/agents/agent-route";
import { ZPollRequestSchema } from "@/lib/agents/protocol";
import { getQueueEnv } from "@/lib/env";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { leaseNextAgentJob } from "@/lib/jobs/agent-jobs";
import { pollHoldMs } from "@/lib/jobs/poll-hold";

export const dynamic = "force-dynamic";

// Long-poll: held until a job arrives for the agent's tenant, or for up to AGENT_POLL_HOLD_SECONDS.
export const POST = agentRoute(async (request, { agent }) => {
  await readJsonBody(request, ZPollRequestSchema, BODY_LIMITS.small);
  const holdMs = pollHoldMs(getQueueEnv().AGENT_POLL_HOLD_SECONDS);
  const job = await leaseNextAgentJob(agent.tenantId, holdMs, request.signal);
  return job ? NextResponse.json({ job }) : new Response(null, { status: 204 });
});
