import { selfCheckingAgentRoute } from "@/lib/agents/agent-route";
import { ZHeartbeatRequestSchema, ZJobRouteParamsSchema } from "@/lib/agents/protocol";
import { jsonAnswer } from "@/lib/http/api-call";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readApiJsonBody } from "@/lib/http/read-json-body";
import { renewAgentJobLease } from "@/lib/jobs/agent-jobs";
import { getQueue } from "@/lib/jobs/get-queue";

export const POST = selfCheckingAgentRoute(
  ZJobRouteParamsSchema,
  async (request, { acting, credential }, { jobId }) => {
    const { leaseToken } = await readApiJsonBody(request, ZHeartbeatRequestSchema, BODY_LIMITS.small);
    const leaseExpiresAt = await renewAgentJobLease({
      queue: await getQueue(),
      acting,
      credential,
      jobId,
      leaseToken,
    });
    return jsonAnswer({ leaseExpiresAt });
  },
);
