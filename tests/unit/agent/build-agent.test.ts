import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAgentKeyPair } from "@/agent/agent-keys";
import { writeAgentConfig } from "@/agent/config/config-file";
import { AGENT_VERSION } from "@/agent/version";
import { buildAgentBundle } from "@/scripts/build-agent";

const run = promisify(execFile);
let directory: string;
let built: Awaited<ReturnType<typeof buildAgentBundle>>;

beforeAll(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), "agent-bundle-"));
  built = await buildAgentBundle(path.join(directory, "hybrid-agent.mjs"));
}, 60_000);

afterAll(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

describe("the downloadable agent bundle", () => {
  it("is one executable file with a shebang and a SHA-256 to check it against", async () => {
    const bytes = await fs.readFile(built.outFile);
    expect(bytes.subarray(0, 19).toString()).toBe("#!/usr/bin/env node");
    // The downloads page reads which agent it serves from this line.
    expect(bytes.toString("utf8").split("\n")[1]).toBe(`// hybrid-agent ${AGENT_VERSION}`);
    expect((await fs.stat(built.outFile)).mode & 0o111).not.toBe(0);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(await fs.readFile(`${built.outFile}.sha256`, "utf8")).toBe(`${sha256}  hybrid-agent.mjs\n`);
  });

  it("contains no simulator code", async () => {
    expect(built.inputs.some((input) => input.startsWith("simulators/"))).toBe(false);
    expect(built.inputs).not.toContain("agent/executors/simulated.ts");
    expect(built.inputs).toContain("agent/executors/powershell/powershell-executor.ts");
    const text = await fs.readFile(built.outFile, "utf8");
    expect(text).not.toContain("openOnPremisesOrganization");
    expect(text).not.toMatch(/\/\/ simulators\//);
  });

  it("runs on its own, outside the repository", async () => {
    const { stdout } = await run(process.execPath, [built.outFile, "--version"], { cwd: directory });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("says the simulated executor is not part of it when a config asks for it", async () => {
    const configPath = path.join(directory, "config.json");
    const keys = await generateAgentKeyPair();
    await writeAgentConfig(configPath, {
      version: 1,
      server: "http://127.0.0.1:9/",
      agentId: "a1",
      name: "EX1",
      entraTenantId: "t1",
      tenantName: "Contoso",
      credential: `hwa1.a1.${"A".repeat(43)}`,
      publicKeyJwk: keys.publicKeyJwk,
      privateKeyJwk: keys.privateKeyJwk,
      pairedAt: new Date().toISOString(),
      executor: "simulated",
      simulatorStateFile: path.join(directory, "state.json"),
    });
    const result = await run(process.execPath, [built.outFile, "status", "--config", configPath], {
      cwd: directory,
    }).catch((error: { stdout: string; code: number }) => error);
    expect(result.stdout).toContain(
      'Executor:  simulated — NOT READY: This agent was built without the "simulated" executor',
    );
    expect(result.stdout).toContain("Reachable: NO — cannot reach 127.0.0.1:9");
  });
});
