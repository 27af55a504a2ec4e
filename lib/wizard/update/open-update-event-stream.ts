import type { Db } from "@/lib/db";
import { type EventSink, openEventStream } from "@/lib/realtime/event-stream";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { getUpdateProgress } from "./get-update-progress";
import { readRunLog } from "./read-run-log";
import { subscribeRunChanged } from "./run-events";

/**
 * The Update page's live log (server-sent events): after `ready`, the progress and every log line
 * so far, then on each change (from any instance's worker) the progress again and the new lines.
 * Changes that come while one is being read are read together once it is done.
 */
export async function openUpdateEventStream(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  signal: AbortSignal;
}): Promise<ReadableStream> {
  const { db, acting, runId } = options;
  // Answers 404 for another tenant's run before any stream opens.
  await getUpdateProgress({ db, acting, runId });
  let lastId: bigint | undefined;
  let reading: Promise<void> | undefined;
  let again = false;
  let stream: EventSink | undefined;
  const push = async (sink: EventSink) => {
    sink.send("progress", await getUpdateProgress({ db, acting, runId }));
    const log = await readRunLog({ db, acting, runId, afterId: lastId });
    lastId = log.lastId;
    for (const line of log.lines) sink.send("log", line);
  };
  const changed = () => {
    const sink = stream;
    if (!sink) return;
    if (reading) {
      again = true;
      return;
    }
    reading = push(sink)
      .catch(() => sink.end())
      .finally(() => {
        reading = undefined;
        if (again) {
          again = false;
          changed();
        }
      });
  };
  return openEventStream({
    signal: options.signal,
    subscribe: (sink) => {
      stream = sink;
      return subscribeRunChanged(runId, changed, sink.end);
    },
    afterReady: changed,
  });
}
