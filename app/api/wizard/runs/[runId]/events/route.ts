import { userRoute } from "@/lib/auth/user-route";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { holdConnection, MAX_EVENT_STREAMS_PER_USER } from "@/lib/http/held-connections";
import { openUpdateEventStream } from "@/lib/wizard/update/open-update-event-stream";

export const dynamic = "force-dynamic";

export const GET = userRoute(ZWizardRunParamsSchema, async (request, { acting }, { runId }) => {
  const release = holdConnection({
    key: `events:${acting.actor.userId}`,
    limit: MAX_EVENT_STREAMS_PER_USER,
    what: "event streams",
  });
  request.signal.addEventListener("abort", release, { once: true });
  try {
    const events = await openUpdateEventStream({ db: getDb(), acting, runId, signal: request.signal });
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
