import { describe, expect, it } from "vitest";
import { progressBar } from "@/cli/commands/status";
import { CliError, EXIT } from "@/cli/exit-codes";
import { cliErrorOf } from "@/cli/service-client";
import { ApiError } from "@/components/api/api-client";

// What a script branches on: the service's refusals become exit codes, with their words kept.

describe("the command line's exit codes", () => {
  it("asks for a new sign-in (3) when the service wants MFA or a fresh token", () => {
    for (const code of ["unauthenticated", "mfa_required", "interaction_required"]) {
      const error = cliErrorOf(new ApiError(401, code, "Your tenant requires MFA."));
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(EXIT.signIn);
      expect((error as CliError).message).toContain("Your tenant requires MFA.");
    }
  });

  it("calls a refusal of what was sent bad input (2), keeping the fields to fix", () => {
    const error = cliErrorOf(
      new ApiError(400, "invalid_answers", "Some answers need correcting.", undefined, {
        issues: [{ path: "features.hybrid", message: "full or minimal" }],
      }),
    ) as CliError;
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.details).toMatchObject({ code: "invalid_answers", issues: [{ path: "features.hybrid" }] });
  });

  it("calls the service's own trouble a failure (1), and leaves other errors alone", () => {
    expect((cliErrorOf(new ApiError(503, "unavailable", "The agent is away.")) as CliError).exitCode).toBe(
      EXIT.failed,
    );
    const other = new Error("boom");
    expect(cliErrorOf(other)).toBe(other);
  });

  it("draws the progress bar from the writes done", () => {
    expect(progressBar({ done: 3, total: 12, status: "running" })).toBe(
      `[${"#".repeat(8)}${"-".repeat(22)}] 3/12 running`,
    );
    expect(progressBar({ done: 0, total: 0, status: "succeeded" })).toBe(`[${"#".repeat(30)}] 0/0 succeeded`);
  });
});
