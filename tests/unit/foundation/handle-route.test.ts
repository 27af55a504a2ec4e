import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http/handle-route";

const call = (handler: (request: Request) => Promise<Response>) =>
  handleRoute(handler)(new Request("http://localhost/api/thing", { headers: { "x-request-id": "req-1" } }), {
    params: Promise.resolve({}),
  });

describe("handleRoute", () => {
  it("answers an expected error with its status, code and the sentence that says what to fix", async () => {
    const response = await call(async () => {
      throw new AppError(
        "version_conflict",
        "Someone else saved this page first. Reload to see their answers.",
      );
    });
    expect(response.status).toBe(409);
    expect(response.headers.get("x-request-id")).toBe("req-1");
    expect(await response.json()).toEqual({
      error: {
        code: "version_conflict",
        message: "Someone else saved this page first. Reload to see their answers.",
        docs: "/docs/api#error-version_conflict",
      },
    });
  });

  it("sends the headers an expected error carries, such as a bearer challenge", async () => {
    const response = await call(async () => {
      throw new AppError("unauthenticated", "Sign in again.", undefined, {
        headers: { "www-authenticate": 'Bearer error="invalid_token"' },
      });
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect(response.headers.get("x-request-id")).toBe("req-1");
  });

  it("lists each invalid field of a zod failure", async () => {
    const response = await call(async () => {
      z.object({ fqdn: z.string().min(3, "Enter the organization FQDN") }).parse({ fqdn: "" });
      return new Response();
    });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.issues).toEqual([{ path: "fqdn", message: "Enter the organization FQDN" }]);
  });

  it("hides an unexpected error's internals behind an id that finds the log line", async () => {
    const response = await call(async () => {
      throw new Error("connection string postgresql://user:secret@db");
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text).error).toMatchObject({ code: "internal_error", requestId: "req-1" });
  });

  it("answers a path parameter its schema refuses with 404 and the schema's words, before the handler runs", async () => {
    let ran = false;
    const route = handleRoute(z.object({ jobId: z.uuid("No such job: job ids are UUIDs.") }), async () => {
      ran = true;
      return new Response();
    });
    const response = await route(new Request("http://localhost/api/jobs/1"), {
      params: Promise.resolve({ jobId: "1' or '1'='1" }),
    });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toEqual({
      code: "not_found",
      message: "No such job: job ids are UUIDs.",
      docs: "/docs/api#error-not_found",
    });
    expect(ran).toBe(false);
  });

  it("hands the handler its parsed path parameters", async () => {
    const jobId = crypto.randomUUID();
    const route = handleRoute(z.object({ jobId: z.uuid() }), async (_request, _context, params) =>
      Response.json(params),
    );
    const response = await route(new Request("http://localhost/api/jobs/x"), {
      params: Promise.resolve({ jobId }),
    });
    expect(await response.json()).toEqual({ jobId });
  });
});
