import { describe, expect, it } from "vitest";
import { z } from "zod";
import { handleRoute } from "@/lib/http/handle-route";
import { readJsonBody } from "@/lib/http/read-json-body";

// The body reader as a route sees it: behind handleRoute, so each refusal is the answer a caller gets.

const ZBody = z.object({ name: z.string().min(1, "Enter a name") });
const LIMIT = 1024;
const route = handleRoute(async (request) => Response.json(await readJsonBody(request, ZBody, LIMIT)));

function post(
  body: BodyInit | null,
  headers: Record<string, string> = { "content-type": "application/json" },
) {
  // duplex: a streamed request body must say so (fetch spec); lib.dom's RequestInit lacks the member.
  const init: RequestInit & { duplex: "half" } = { method: "POST", body, headers, duplex: "half" };
  return route(new Request("http://localhost/api/thing", init), { params: Promise.resolve({}) });
}

/** A body that arrives in chunks with no Content-Length, as a chunked upload does. */
function streamOf(
  chunk: Uint8Array,
  count: number,
): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === count) controller.close();
      else {
        pulled++;
        controller.enqueue(chunk);
      }
    },
  });
  return { stream, pulled: () => pulled };
}

async function errorOf(response: Response) {
  return { status: response.status, ...(await response.json()).error };
}

describe("readJsonBody", () => {
  it("hands a valid body to the route", async () => {
    const response = await post(JSON.stringify({ name: "EX01" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: "EX01" });
  });

  it.each([
    ["malformed", '{"name": "EX01",', {}],
    ["empty", "", {}],
    ["form-encoded", "name=EX01", { "content-type": "application/x-www-form-urlencoded" }],
    [
      "multipart",
      '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nEX01\r\n--x--',
      { "content-type": "multipart/form-data; boundary=x" },
    ],
    [
      "UTF-16 with a byte-order mark",
      new Uint8Array([0xff, 0xfe, ...Buffer.from('{"name":"EX01"}', "utf16le")]),
      {},
    ],
    ["UTF-16 without one", new Uint8Array(Buffer.from('{"name":"EX01"}', "utf16le")), {}],
  ])("answers a %s body with 400 and what was wrong, without echoing it", async (_kind, body, headers) => {
    const response = await post(body, { "content-type": "application/json", ...headers });
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 400, code: "bad_request" });
    expect(error.message).toMatch(/JSON|UTF-8|no body/);
    expect(error.message).not.toContain("EX01");
  });

  it.each([
    ["a NUL character", '{"name": "EX\\u000001"}'],
    ["a lone surrogate", '{"name": "EX\\ud80001"}'],
    ["a NUL in a key", '{"name": "EX01", "x\\u0000": 1}'],
  ])("refuses %s, which the database cannot store, with 400", async (_kind, body) => {
    const error = await errorOf(await post(body));
    expect(error).toMatchObject({ status: 400, code: "bad_request" });
    expect(error.message).toContain("NUL character or a broken UTF-16 surrogate");
  });

  it("keeps a surrogate pair, which is a character like any other", async () => {
    const response = await post('{"name": "EX01 \\ud83d\\ude80"}');
    expect(await response.json()).toEqual({ name: "EX01 🚀" });
  });

  it("lets the schema say which field is wrong in JSON of the wrong shape", async () => {
    const error = await errorOf(await post(JSON.stringify({ name: "" })));
    expect(error).toMatchObject({ status: 422, issues: [{ path: "name", message: "Enter a name" }] });
  });

  it("refuses a declared length over the limit with 413 without reading the body", async () => {
    const { stream, pulled } = streamOf(new Uint8Array(512), 1000);
    const error = await errorOf(
      await post(stream, { "content-type": "application/json", "content-length": String(512 * 1000) }),
    );
    expect(error).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(error.message).toContain("1 KiB");
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops reading an undeclared body the moment it passes the limit", async () => {
    const { stream, pulled } = streamOf(new Uint8Array(512).fill(0x20), 1000);
    const error = await errorOf(await post(stream));
    expect(error).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(pulled()).toBeLessThan(10);
  });
});
