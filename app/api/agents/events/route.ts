import { openAgentEventStream } from "@/lib/agents/agent-event-stream";
import { userRoute } from "@/lib/auth/user-route";
import { holdConnection, MAX_EVENT_STREAMS_PER_USER } from "@/lib/http/held-connections";

export const dynamic = "force-dynamic";

export const GET = userRoute(async (request, { acting }) => {
  const release = holdConnection({
    key: `events:${acting.actor.userId}`,
    limit: MAX_EVENT_STREAMS_PER_USER,
    what: "event streams",
  });
  // The place is given back when the browser goes away (the request is aborted) or the server ends the stream.
  request.signal.addEventListener("abort", release, { once: true });
  try {
    const events = await openAgentEventStream({ acting, signal: request.signal });
    return new Response(events.pipeThrough(new TransformStream({ flush: release })), {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store, no-transform",
        "x-accel-buffering": "no",
      },
    });
  } catch (error) {
    release();
    throw error;
  }
});
