import { openAgentEventStream } from "@/lib/agents/agent-event-stream";
import { userRoute } from "@/lib/auth/user-route";

export const dynamic = "force-dynamic";

export const GET = userRoute(
  async (request, { principal }) =>
    new Response(await openAgentEventStream(principal.tenant.id, request.signal), {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store, no-transform",
        "x-accel-buffering": "no",
      },
    }),
);
