import { describe, expect, it } from "vitest";
import { explainRequestFailure, ServerUnreachableError } from "@/agent/http/agent-http-errors";
import { createRequestSignal } from "@/agent/http/request-signal";

describe("a request's abort signal", () => {
  it("fires when the agent stops", () => {
    const stopping = new AbortController();
    const request = createRequestSignal(stopping.signal, 60_000);
    stopping.abort(new Error("SIGTERM"));
    expect(request.signal.aborted).toBe(true);
    expect(request.timedOut()).toBe(false);
    request.dispose();
  });

  it("fires on time-out, which reads as 'did not answer in time'", async () => {
    const request = createRequestSignal(new AbortController().signal, 20);
    await new Promise((resolve) => request.signal.addEventListener("abort", resolve));
    expect(request.timedOut()).toBe(true);
    const explained = explainRequestFailure(request.signal.reason, {
      serverUrl: new URL("https://wizard.example.com/"),
    });
    expect(explained).toBeInstanceOf(ServerUnreachableError);
    expect(explained.message).toBe("wizard.example.com did not answer in time");
  });

  it("stops following the agent's signal once the request is done", () => {
    const stopping = new AbortController();
    const request = createRequestSignal(stopping.signal, 60_000);
    request.dispose();
    stopping.abort();
    expect(request.signal.aborted).toBe(false);
  });
});
