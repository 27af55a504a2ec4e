import { subscribeToAgentEvents } from "@/lib/agents/agent-events";
import { ZAgentStreamEventSchema } from "@/lib/contracts/agents";
import { openEventStream } from "@/lib/realtime/event-stream";
import type { ActingContext } from "@/lib/tenants/acting-context";

// The Agents page's live feed as server-sent events: one `agent` event per pairing, revocation or
// return of one of the acting tenant's agents, from whichever web instance saw it (LISTEN/NOTIFY).

export function openAgentEventStream(options: {
  acting: ActingContext;
  signal: AbortSignal;
}): Promise<ReadableStream> {
  return openEventStream({
    signal: options.signal,
    subscribe: (sink) =>
      subscribeToAgentEvents(
        options.acting.tenant.id,
        // The browser's shape (lib/contracts/agents.ts): the internal tenant id stays on the server.
        (event) => sink.send("agent", ZAgentStreamEventSchema.parse(event)),
        // Events may have been missed while the database was away: end the stream, so the page
        // connects again, hears "ready" once the database is back, and reloads what it shows.
        sink.end,
      ),
  });
}
