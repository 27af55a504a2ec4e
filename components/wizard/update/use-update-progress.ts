"use client";

import { EventSourceParserStream } from "eventsource-parser/stream";
import { useEffect, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import {
  type RunLogLine,
  type UpdateProgress,
  ZRunLogLineSchema,
  ZUpdateProgressSchema,
} from "@/lib/contracts/wizard-update";

const RECONNECT_MS = 3_000;

/**
 * The update as it moves, from its server-sent event stream (read with fetch, which can send the
 * Authorization header): after each `ready` the server sends the progress and the whole log, then
 * each change. A dropped stream (restart, network) reconnects and starts over from `ready`.
 */
export function useUpdateProgress(runId: string) {
  const { state, api } = useSession();
  const [progress, setProgress] = useState<UpdateProgress>();
  const [log, setLog] = useState<RunLogLine[]>([]);
  const [connected, setConnected] = useState(false);
  const signedIn = state.status === "signed-in";

  useEffect(() => {
    if (!signedIn) return;
    const abort = new AbortController();
    const listen = async () => {
      while (!abort.signal.aborted) {
        try {
          const events = (await api.updateEvents(runId, abort.signal))
            .pipeThrough(new TextDecoderStream())
            .pipeThrough(new EventSourceParserStream())
            .getReader();
          for (let next = await events.read(); !next.done; next = await events.read()) {
            const message = next.value;
            if (message.event === "ready") {
              setConnected(true);
              setLog([]);
            } else if (message.event === "progress") {
              const parsed = ZUpdateProgressSchema.safeParse(JSON.parse(message.data));
              if (parsed.success) setProgress(parsed.data);
            } else if (message.event === "log") {
              const parsed = ZRunLogLineSchema.safeParse(JSON.parse(message.data));
              if (parsed.success) setLog((lines) => [...lines, parsed.data]);
            }
          }
        } catch {
          // Dropped stream: reconnect unless the page is leaving.
        }
        setConnected(false);
        if (!abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
      }
    };
    void listen();
    return () => abort.abort();
  }, [signedIn, api, runId]);

  return { progress, setProgress, log, connected };
}
