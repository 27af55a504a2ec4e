/**
 * One request's abort signal: fires when the caller's (long-lived) signal does, or after a time-out.
 * Not AbortSignal.any: combining a signal that lives as long as the agent with a fresh one per
 * request leaks on Node 20–22 (nodejs/node#55351), and the agent makes thousands of requests a day.
 */
export function createRequestSignal(parent: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener("abort", onParentAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException("the request timed out", "TimeoutError"));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onParentAbort);
    },
  };
}
