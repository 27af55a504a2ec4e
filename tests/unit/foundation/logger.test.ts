import { Writable } from "node:stream";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger(destination), lines };
}

describe("the logger", () => {
  it("logs an error as its type, message, code and stack, never the objects it holds", () => {
    const { logger, lines } = capture();
    // What pg-boss emitted when the database went away: an error carrying the client that failed.
    const client = new pg.Client({ connectionString: "postgresql://app:db-password-1@127.0.0.1:1/hw" });
    const error = Object.assign(new Error("Connection terminated unexpectedly"), {
      code: "57P01",
      client,
      processID: 4242,
      secretKey: 987654321,
    });
    logger.error({ err: error }, "job queue error");
    const line = JSON.stringify(lines[0]);
    expect(lines[0]?.err).toEqual({
      type: "Error",
      message: "Connection terminated unexpectedly",
      code: "57P01",
      stack: error.stack,
    });
    expect(line).not.toContain("db-password-1");
    expect(line).not.toContain("987654321");
    expect(line).not.toContain("4242");
  });

  it("keeps the chain of causes, each in the same shape", () => {
    const { logger, lines } = capture();
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    logger.warn({ err: new Error("health check failed", { cause }) }, "health");
    expect(lines[0]?.err).toMatchObject({
      message: "health check failed",
      cause: { message: "connect ECONNREFUSED 127.0.0.1:5432", code: "ECONNREFUSED" },
    });
  });

  it("says only what kind of value was thrown when it is not an error", () => {
    const { logger, lines } = capture();
    logger.error({ err: { headers: { authorization: "Bearer abc.def.ghi" } } }, "unexpected error");
    expect(lines[0]?.err).toEqual({ type: "object", message: "a thrown object" });
  });

  it("blanks secrets under the names the code uses for them", () => {
    const { logger, lines } = capture();
    logger.info({ agent: { credential: "hwa1.x.y" }, request: { authorization: "Bearer t" } }, "paired");
    expect(JSON.stringify(lines[0])).not.toMatch(/hwa1\.x\.y|Bearer t/);
  });
});
