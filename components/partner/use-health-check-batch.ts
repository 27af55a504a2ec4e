"use client";

import { useEffect, useRef, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import type { HealthCheckBatch } from "@/lib/contracts/partner-dashboard";

const POLL_MS = 1_000;

/** A batch's progress, read every second until every check finished; then `onFinished` once. */
export function useHealthCheckBatch(batchId: string | undefined, onFinished: () => void) {
  const { api } = useSession();
  const [batch, setBatch] = useState<HealthCheckBatch>();
  const [error, setError] = useState<string>();
  // The caller's reload, a new function each render: not a reason to poll again.
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  useEffect(() => {
    if (!batchId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.healthCheckBatch(batchId);
        if (stopped) return;
        setBatch(next);
        setError(undefined);
        if (next.finished >= next.total) {
          onFinishedRef.current();
          return;
        }
      } catch (problem) {
        if (!stopped) setError(problem instanceof Error ? problem.message : String(problem));
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [batchId, api]);

  return { batch, error };
}
