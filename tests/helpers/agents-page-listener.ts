import { EventSourceParserStream } from "eventsource-parser/stream";

export interface PageEvent {
  event: string;
  data: Record<string, unknown>;
  at: number;
}

/**
 * Listens to /api/agents/events as the Agents page does (components/agents/use-agents.ts): reads
 * the stream, and when it drops or is refused, connects again after 3 s, until closed.
 */
export function listenAsAgentsPage(options: { url: string; token: string }) {
  const events: PageEvent[] = [];
  const abort = new AbortController();
  const loop = (async () => {
    while (!abort.signal.aborted) {
      try {
        const response = await fetch(`${options.url}/api/agents/events`, {
          headers: { authorization: `Bearer ${options.token}` },
          signal: abort.signal,
        });
        if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
        const reader = response.body
          .pipeThrough(new TextDecoderStream())
          .pipeThrough(new EventSourceParserStream())
          .getReader();
        for (let next = await reader.read(); !next.done; next = await reader.read()) {
          events.push({
            event: next.value.event ?? "message",
            data: JSON.parse(next.value.data),
            at: Date.now(),
          });
        }
      } catch {
        // dropped or refused: as the page, try again shortly
      }
      if (!abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  })();
  return {
    events,
    async close() {
      abort.abort();
      await loop;
    },
  };
}
