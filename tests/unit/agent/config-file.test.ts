import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateAgentKeyPair } from "@/agent/agent-keys";
import type { AgentConfigInput } from "@/agent/config/agent-config";
import {
  ConfigFileError,
  readAgentConfig,
  removeAgentConfig,
  resolveConfigPath,
  writeAgentConfig,
} from "@/agent/config/config-file";

let directory: string;
let configPath: string;
let config: AgentConfigInput;

let keys: Awaited<ReturnType<typeof generateAgentKeyPair>>;

beforeAll(async () => {
  keys = await generateAgentKeyPair();
});

beforeEach(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), "agent-config-"));
  configPath = path.join(directory, "nested", "config.json");
  config = {
    version: 1,
    server: "https://wizard.example.com",
    agentId: "0b6f4c1e-8a36-4a0e-9b1d-6f5e2d7c9a10",
    name: "EX1",
    entraTenantId: "t-1",
    tenantName: "Contoso",
    credential: `hwa1.0b6f4c1e-8a36-4a0e-9b1d-6f5e2d7c9a10.${"A".repeat(43)}`,
    publicKeyJwk: keys.publicKeyJwk,
    privateKeyJwk: keys.privateKeyJwk,
    pairedAt: new Date().toISOString(),
    executor: "powershell",
    exchangeServer: "ex1.contoso.com",
  };
});

afterEach(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

const modeOf = async (file: string) => (await fs.stat(file)).mode & 0o777;

// File modes are the Linux/macOS protection; Windows uses DPAPI (docs/AGENT.md).
describe("agent config file", () => {
  it("is created readable by its owner only, in a directory only its owner can enter", async () => {
    await writeAgentConfig(configPath, config);
    expect(await modeOf(configPath)).toBe(0o600);
    expect(await modeOf(path.dirname(configPath))).toBe(0o700);
    const read = await readAgentConfig(configPath);
    expect(read.credential).toBe(config.credential);
    expect(read.server).toBe("https://wizard.example.com/");
  });

  it("stays 600 under a permissive umask", async () => {
    const previous = process.umask(0o000);
    try {
      await writeAgentConfig(configPath, config);
    } finally {
      process.umask(previous);
    }
    expect(await modeOf(configPath)).toBe(0o600);
  });

  it("refuses to start from a file other users can read, and says the chmod to run", async () => {
    await writeAgentConfig(configPath, config);
    await fs.chmod(configPath, 0o644);
    const error = await readAgentConfig(configPath).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as ConfigFileError).reason).toBe("too-open");
    expect((error as Error).message).toContain("mode 644");
    expect((error as Error).message).toContain(`chmod 600 ${configPath}`);
  });

  it("replaces the file whole: a reader of the old file never sees a half-written one", async () => {
    await writeAgentConfig(configPath, config);
    const before = await fs.readFile(configPath, "utf8");
    const reader = await fs.open(configPath, "r");
    try {
      await writeAgentConfig(configPath, { ...config, name: "EX1 renamed" });
      // The old file was renamed over, not rewritten in place: the open handle still reads it intact.
      expect(await reader.readFile("utf8")).toBe(before);
    } finally {
      await reader.close();
    }
    expect((await readAgentConfig(configPath)).name).toBe("EX1 renamed");
    expect(await fs.readdir(path.dirname(configPath))).toEqual(["config.json"]);
  });

  it("also tightens a file that was too open when it is rewritten", async () => {
    await writeAgentConfig(configPath, config);
    await fs.chmod(configPath, 0o644);
    await writeAgentConfig(configPath, config);
    expect(await modeOf(configPath)).toBe(0o600);
  });

  it("refuses to write a config that is not valid, leaving nothing behind", async () => {
    await expect(
      writeAgentConfig(configPath, { ...config, credential: "not-a-credential" }),
    ).rejects.toThrow();
    await expect(fs.stat(configPath)).rejects.toThrow();
  });

  it("says how to pair when there is no config, and rejects a damaged one", async () => {
    await expect(readAgentConfig(configPath)).rejects.toThrow(
      /not paired.*hybrid-agent pair CODE --server URL/,
    );
    await fs.mkdir(path.dirname(configPath), { recursive: true });
    await fs.writeFile(configPath, "{ not json", { mode: 0o600 });
    await expect(readAgentConfig(configPath)).rejects.toThrow(/not valid JSON/);
  });

  it("is removed by unpair and reports when there was nothing to remove", async () => {
    await writeAgentConfig(configPath, config);
    expect(await removeAgentConfig(configPath)).toBe(true);
    expect(await removeAgentConfig(configPath)).toBe(false);
  });
});

describe("config path", () => {
  it("takes --config over HYBRID_AGENT_CONFIG over ~/.hybrid-agent/config.json", () => {
    expect(resolveConfigPath("/a/flag.json", "/b/env.json")).toBe("/a/flag.json");
    expect(resolveConfigPath(undefined, "/b/env.json")).toBe("/b/env.json");
    expect(resolveConfigPath(undefined, undefined)).toBe(
      path.join(os.homedir(), ".hybrid-agent", "config.json"),
    );
  });
});
