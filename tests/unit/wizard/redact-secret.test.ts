import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { redactSecret } from "@/lib/wizard/credentials/redact-secret";

// The migration credential's password must never reach a log, an Operation row or the browser, even
// when what used it (Exchange Online, echoing a parameter) puts it in its error.

const password = 'Pa"ss\\word 1';

describe("redactSecret", () => {
  it("takes the password out of an error's message and details, keeping the rest", () => {
    const error = new AppError("exchange_error", `New-MigrationEndpoint: bad password ${password} for x`, {
      cmdlet: "New-MigrationEndpoint",
      echoed: { Credentials: { Password: password } },
    });
    const redacted = redactSecret(error, password) as AppError;
    expect(redacted).toBeInstanceOf(AppError);
    expect(redacted.code).toBe("exchange_error");
    expect(redacted.message).toBe("New-MigrationEndpoint: bad password [redacted] for x");
    expect(JSON.stringify(redacted.details)).not.toContain("word 1");
    expect(redacted.details).toMatchObject({ cmdlet: "New-MigrationEndpoint" });
    expect(redacted.stack).not.toContain("word 1");
  });

  it("turns any other error quoting it into an AppError without it", () => {
    const redacted = redactSecret(new TypeError(`cannot send ${password}`), password) as Error;
    expect(redacted.message).toBe("cannot send [redacted]");
    expect(redacted.stack).not.toContain("word 1");
  });

  it("returns an error that does not quote it as it is", () => {
    const error = new AppError("unavailable", "Exchange Online did not answer.");
    expect(redactSecret(error, password)).toBe(error);
  });
});
