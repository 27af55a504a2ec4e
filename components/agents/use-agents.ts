"use client";

import { EventSourceParserStream } from "eventsource-parser/stream";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { type AgentStreamEvent, type AgentSummary, ZAgentStreamEventSchema } from "@/lib/contracts/agents";

const RECONNECT_MS = 3_000;

/**
 * The signed-in tenant's agents, kept current by the server-sent event stream: a pairing, a
 * revocation or an agent coming back reloads the list at once. EventSource cannot send the
 * Authorization header, so the stream is read with fetch.
 */
export function useAgents(onEvent?: (event: AgentStreamEvent) => void) {
  const { state, api } = useSession();
  const [agents, setAgents] = useState<AgentSummary[]>();
  const [error, setError] = useState<string>();
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const signedIn = state.status === "signed-in";

  const reload = useCallback(async () => {
    try {
      setAgents((await api.listAgents()).agents);
      setError(undefined);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    }
  }, [api]);

  useEffect(() => {
    if (!signedIn) return;
    const abort = new AbortController();
    const listen = async () => {
      while (!abort.signal.aborted) {
        try {
          const events = (await api.agentEvents(abort.signal))
            .pipeThrough(new TextDecoderStream())
            .pipeThrough(new EventSourceParserStream())
            .getReader();
          for (let next = await events.read(); !next.done; next = await events.read()) {
            const message = next.value;
            // "ready" arrives once subscribed: anything before it is caught by this reload.
            if (message.event === "ready") {
              await reload();
              continue;
            }
            const event = ZAgentStreamEventSchema.safeParse(JSON.parse(message.data));
            if (!event.success) continue;
            await reload();
            onEventRef.current?.(event.data);
          }
        } catch {
          // Dropped stream (server restart, network): reconnect unless the page is leaving.
        }
        if (!abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
      }
    };
    void listen();
    return () => abort.abort();
  }, [signedIn, api, reload]);

  return { agents, error, reload };
}
