// A server-sent event stream that is subscribed before it says `ready`: whatever happens after the
// page hears `ready` reaches it. The Agents page's and the Update page's streams are both this.

const KEEPALIVE_MS = 20_000;

export interface EventSink {
  send(event: string, data: unknown): void;
  /** Ends the stream (the page connects again and reloads on its next `ready`). */
  end(): void;
}

export async function openEventStream(options: {
  signal: AbortSignal;
  /** Starts listening; returns how to stop. Called before `ready` is sent. */
  subscribe: (sink: EventSink) => Promise<() => void>;
  /** Called right after `ready`, e.g. to send what there is so far. */
  afterReady?: (sink: EventSink) => void;
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
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop(); // the browser went away between two events
        }
      };
      const sink: EventSink = {
        send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
        end: () => {
          stop();
          try {
            controller.close();
          } catch {
            // already closed: the browser went away first
          }
        },
      };
      unsubscribe = await options.subscribe(sink);
      keepalive = setInterval(() => write(": keepalive\n\n"), KEEPALIVE_MS);
      signal.addEventListener("abort", sink.end);
      // Subscribed before telling the page, so nothing that happens after "ready" is missed.
      write("retry: 3000\nevent: ready\ndata: {}\n\n");
      options.afterReady?.(sink);
    },
    cancel: stop,
  });
}
