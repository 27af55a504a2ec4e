import { createHash } from "node:crypto";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeAgentDownload } from "@/lib/downloads/describe-agent-download";

let directory: string;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "hw-downloads-"));
  vi.stubEnv("DOWNLOADS_DIR", directory);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(directory, { recursive: true, force: true });
});

describe("the agent download's description", () => {
  it("says the file is missing, and where it was looked for", async () => {
    expect(await describeAgentDownload()).toEqual({
      available: false,
      path: path.join(directory, "hybrid-agent.mjs"),
    });
  });

  it("reads the version from the build's comment and hashes the file as it is now, also after a rebuild", async () => {
    const file = path.join(directory, "hybrid-agent.mjs");
    const first = "#!/usr/bin/env node\n// hybrid-agent 1.2.3\nconsole.log(1);\n";
    await writeFile(file, first);
    await utimes(file, new Date("2030-01-01T09:00:00Z"), new Date("2030-01-01T09:00:00Z"));
    expect(await describeAgentDownload()).toMatchObject({
      available: true,
      fileName: "hybrid-agent.mjs",
      version: "1.2.3",
      bytes: Buffer.byteLength(first),
      sha256: sha256(first),
      builtAt: new Date("2030-01-01T09:00:00Z"),
    });

    const rebuilt = "#!/usr/bin/env node\n// hybrid-agent 1.2.4\nconsole.log(2);\n";
    await writeFile(file, rebuilt);
    expect(await describeAgentDownload()).toMatchObject({ version: "1.2.4", sha256: sha256(rebuilt) });
  });
});
