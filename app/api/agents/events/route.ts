import { openAgentEventStream } from "@/lib/agents/agent-event-stream";
import { userRoute } from "@/lib/auth/user-route";
import { eventStreamResponse } from "@/lib/http/event-stream-response";

export const dynamic = "force-dynamic";

export const GET = userRoute({ role: "viewer" }, async (request, { acting }) =>
  eventStreamResponse({
    request,
    userId: acting.actor.userId,
    open: () => openAgentEventStream({ acting, signal: request.signal }),
  }),
);
