"use client";

import { useCallback, useEffect, useState } from "react";
import type { ApiClient } from "@/components/api/api-client";
import { useSession } from "./SessionProvider";

// A list a signed-in person reads and changes (members, a partner's customers): read once signed
// in, each change said in a message and followed by the list read again.

export interface ListMessage {
  ok: boolean;
  text: string;
}

const failure = (error: unknown): ListMessage => ({
  ok: false,
  text: error instanceof Error ? error.message : String(error),
});

/** `read` must keep its identity between renders (a module-level function). */
export function useManagedList<T>(read: (api: ApiClient) => Promise<T>) {
  const { state, api } = useSession();
  const [list, setList] = useState<T>();
  const [message, setMessage] = useState<ListMessage>();
  const [busy, setBusy] = useState(false);
  const signedIn = state.status === "signed-in";

  const load = useCallback(async () => {
    try {
      setList(await read(api));
    } catch (error) {
      setMessage(failure(error));
    }
  }, [api, read]);
  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn, load]);

  /** Runs a change, says how it went (`done` from its answer), and reads the list again. */
  const act = async <R>(work: () => Promise<R>, done: string | ((result: R) => string)) => {
    setBusy(true);
    setMessage(undefined);
    try {
      const result = await work();
      setMessage({ ok: true, text: typeof done === "string" ? done : done(result) });
      await load();
    } catch (error) {
      setMessage(failure(error));
    } finally {
      setBusy(false);
    }
  };

  return { state, api, list, message, busy, act };
}
