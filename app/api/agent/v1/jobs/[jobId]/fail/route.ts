import { selfCheckingAgentRoute } from "@/lib/agents/agent-route";
import { ZFailJobRequestSchema, ZJobRouteParamsSchema } from "@/lib/agents/protocol";
import { jsonAnswer } from "@/lib/http/api-call";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readApiJsonBody } from "@/lib/http/read-json-body";
import { failAgentJob } from "@/lib/jobs/agent-jobs";
import { getQueue } from "@/lib/jobs/get-queue";

export const POST = selfCheckingAgentRoute(
  ZJobRouteParamsSchema,
  async (request, { acting, credential }, { jobId }) => {
    const body = await readApiJsonBody(request, ZFailJobRequestSchema, BODY_LIMITS.jobReport);
    await failAgentJob({ queue: await getQueue(), acting, credential, jobId, body });
    return jsonAnswer({ ok: true });
  },
);
