import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { generateAgentKeyPair } from "@/agent/agent-keys";
import { writeAgentConfig } from "@/agent/config/config-file";
import { EXIT, runCli } from "@/agent/main";

function capture() {
  let stdout = "";
  let stderr = "";
  return {
    io: {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      signal: new AbortController().signal,
    },
    output: () => ({ stdout, stderr }),
  };
}

describe("hybrid-agent command line", () => {
  it("prints its version and help", async () => {
    const version = capture();
    expect(await runCli(["--version"], version.io)).toBe(EXIT.ok);
    expect(version.output().stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = capture();
    expect(await runCli(["pair", "--help"], help.io)).toBe(EXIT.ok);
    expect(help.output().stdout).toContain("hybrid-agent pair CODE --server URL");
  });

  it("explains usage mistakes with exit code 2", async () => {
    for (const argv of [
      ["pair", "--server", "https://x.example"],
      ["pair", "CODE"],
      ["frobnicate"],
      ["run", "--bogus"],
      [],
    ]) {
      const run = capture();
      expect(await runCli(argv, run.io)).toBe(EXIT.usage);
      expect(run.output().stderr + run.output().stdout).toContain("Usage:");
    }
  });

  it("refuses a server URL that would send the credential in the clear", async () => {
    const run = capture();
    const configPath = path.join(os.tmpdir(), `never-written-${process.pid}.json`);
    expect(
      await runCli(["pair", "CODE", "--server", "http://wizard.example.com", "--config", configPath], run.io),
    ).toBe(EXIT.failed);
    expect(run.output().stderr).toContain("must start with https://");
    await expect(fs.stat(configPath)).rejects.toThrow();
  });

  it("status says the agent is not paired and how to pair it, exiting 1", async () => {
    const run = capture();
    const configPath = path.join(os.tmpdir(), `missing-${process.pid}`, "config.json");
    expect(await runCli(["status", "--config", configPath], run.io)).toBe(EXIT.failed);
    expect(run.output().stdout).toContain("Paired:    no");
    expect(run.output().stdout).toContain("hybrid-agent pair CODE --server URL");
  });

  it("status refuses a config file other users can read and says the chmod to run", async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), "agent-cli-"));
    const configPath = path.join(directory, "config.json");
    try {
      const keys = await generateAgentKeyPair();
      await writeAgentConfig(configPath, {
        version: 1,
        server: "https://wizard.example.com",
        agentId: "a1",
        name: "EX1",
        entraTenantId: "t1",
        tenantName: "Contoso",
        credential: `hwa1.a1.${"A".repeat(43)}`,
        publicKeyJwk: keys.publicKeyJwk,
        privateKeyJwk: keys.privateKeyJwk,
        pairedAt: new Date().toISOString(),
        executor: "powershell",
      });
      await fs.chmod(configPath, 0o640);
      const run = capture();
      expect(await runCli(["status", "--config", configPath], run.io)).toBe(EXIT.failed);
      expect(run.output().stdout).toContain("Paired:    cannot tell");
      expect(run.output().stdout).toContain(`chmod 600 ${configPath}`);
      const start = capture();
      expect(await runCli(["run", "--config", configPath], start.io)).toBe(EXIT.failed);
      expect(start.output().stderr).toContain("(mode 640)");
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });

  it("runs as a real process from the repository with tsx", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", path.resolve("agent/cli.ts"), "--version"],
      { cwd: path.resolve(".") },
    );
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
