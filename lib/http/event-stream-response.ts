import { holdConnection, MAX_EVENT_STREAMS_PER_USER } from "@/lib/http/held-connections";

/**
 * A user's server-sent event stream as a response, counted against their cap of open streams: the
 * place is given back when the browser goes away (the request is aborted) or the stream ends.
 */
export async function eventStreamResponse(options: {
  request: Request;
  userId: string;
  open: () => Promise<ReadableStream<Uint8Array>>;
}): Promise<Response> {
  const release = holdConnection({
    key: `events:${options.userId}`,
    limit: MAX_EVENT_STREAMS_PER_USER,
    what: "event streams",
  });
  options.request.signal.addEventListener("abort", release, { once: true });
  try {
    const events = await options.open();
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
}
