import { selfCheckingAgentRoute } from "@/lib/agents/agent-route";
import { ZPollRequestSchema } from "@/lib/agents/protocol";
import { getQueueEnv } from "@/lib/env";
import { jsonAnswer, NO_CONTENT } from "@/lib/http/api-call";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { holdConnection, MAX_POLLS_PER_AGENT } from "@/lib/http/held-connections";
import { readApiJsonBody } from "@/lib/http/read-json-body";
import { leaseNextAgentJob } from "@/lib/jobs/agent-job-hand-out";
import { getQueue } from "@/lib/jobs/get-queue";
import { pollHoldMs } from "@/lib/jobs/poll-hold";

export const dynamic = "force-dynamic";

// Long-poll: held until a job arrives for the agent's tenant, or for up to AGENT_POLL_HOLD_SECONDS.
export const POST = selfCheckingAgentRoute(async (request, { acting, credential }) => {
  const { capabilities } = await readApiJsonBody(request, ZPollRequestSchema, BODY_LIMITS.small);
  const release = holdConnection({
    key: `poll:${acting.actor.agentId}`,
    limit: MAX_POLLS_PER_AGENT,
    what: "polls",
  });
  try {
    const job = await leaseNextAgentJob({
      queue: await getQueue(),
      acting,
      credential,
      capabilities,
      holdMs: pollHoldMs(getQueueEnv().AGENT_POLL_HOLD_SECONDS),
      signal: request.signal,
    });
    return job ? jsonAnswer({ job }) : NO_CONTENT;
  } finally {
    release();
  }
});
