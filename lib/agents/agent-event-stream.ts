import { subscribeToAgentEvents } from "@/lib/agents/agent-events";
import { ZAgentStreamEventSchema } from "@/lib/contracts/agents";
import type { ActingContext } from "@/lib/tenants/acting-context";

// The Agents page's live feed as server-sent events: one `agent` event per pairing, revocation or
// return of one of the acting tenant's agents, from whichever web instance saw it (LISTEN/NOTIFY).

const KEEPALIVE_MS = 20_000;

export async function openAgentEventStream(options: {
  acting: ActingContext;
  signal: AbortSignal;
}): Promise<ReadableStream> {
  const { signal } = options;
  const encoder = new TextEncoder();
  let unsubscribe: (() => void) | undefined;
  let keepalive: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    unsubscribe?.();
    clearInterval(keepalive);
  };
  return new ReadableStream({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop(); // the browser went away between two events
        }
      };
      const end = () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed: the browser went away first
        }
      };
      unsubscribe = await subscribeToAgentEvents(
        options.acting.tenant.id,
        // The browser's shape (lib/contracts/agents.ts): the internal tenant id stays on the server.
        (event) => send(`event: agent\ndata: ${JSON.stringify(ZAgentStreamEventSchema.parse(event))}\n\n`),
        // Events may have been missed while the database was away: end the stream, so the page
        // connects again, hears "ready" once the database is back, and reloads what it shows.
        end,
      );
      keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      signal.addEventListener("abort", end);
      // Subscribed before telling the page, so nothing that happens after "ready" is missed.
      send("retry: 3000\nevent: ready\ndata: {}\n\n");
    },
    cancel: stop,
  });
}
