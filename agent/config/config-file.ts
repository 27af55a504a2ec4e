/**
 * Reading and writing the config file, which holds the agent's credential and private key.
 * On Linux and macOS it is mode 600 and the agent refuses a file others can read (as ssh does
 * with its keys). Writes go to a temporary file that is renamed into place, so a crash or a full
 * disk never leaves a half-written file and a reader sees the old file or the new one.
 */
import { randomBytes } from "node:crypto";
import { constants, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { type AgentConfig, type AgentConfigInput, ZAgentConfigSchema } from "./agent-config";

export const DEFAULT_CONFIG_PATH = path.join(os.homedir(), ".hybrid-agent", "config.json");

/** Windows protects the file with DPAPI instead of a mode (see docs/AGENT.md). */
const CHECKS_FILE_MODE = process.platform !== "win32";

export class ConfigFileError extends Error {
  override name = "ConfigFileError";
  constructor(
    message: string,
    readonly reason: "missing" | "too-open" | "invalid",
  ) {
    super(message);
  }
}

/** `--config` wins over HYBRID_AGENT_CONFIG, which wins over ~/.hybrid-agent/config.json. */
export function resolveConfigPath(flag: string | undefined, envPath: string | undefined): string {
  return path.resolve(flag ?? envPath ?? DEFAULT_CONFIG_PATH);
}

function formatMode(mode: number): string {
  return (mode & 0o777).toString(8).padStart(3, "0");
}

async function assertPrivateFile(configPath: string): Promise<void> {
  if (!CHECKS_FILE_MODE) return;
  const stat = await fs.stat(configPath);
  if ((stat.mode & 0o077) !== 0) {
    throw new ConfigFileError(
      `${configPath} holds this agent's credential and private key but other users can read it ` +
        `(mode ${formatMode(stat.mode)}). Run: chmod 600 ${configPath}`,
      "too-open",
    );
  }
}

export async function configFileExists(configPath: string): Promise<boolean> {
  try {
    await fs.access(configPath, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

export async function readAgentConfig(configPath: string): Promise<AgentConfig> {
  let text: string;
  try {
    text = await fs.readFile(configPath, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") {
      throw new ConfigFileError(
        `This agent is not paired: there is no ${configPath}. Pair it with: hybrid-agent pair CODE --server URL`,
        "missing",
      );
    }
    throw error;
  }
  await assertPrivateFile(configPath);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigFileError(`${configPath} is not valid JSON; pair again to recreate it.`, "invalid");
  }
  const parsed = ZAgentConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigFileError(
      `${configPath} is not a valid agent config: ${z.prettifyError(parsed.error)}`,
      "invalid",
    );
  }
  return parsed.data;
}

/** Checked before pairing: a code spent on a config that cannot be saved is a code wasted. */
export async function assertConfigWritable(configPath: string): Promise<void> {
  const directory = path.dirname(configPath);
  await fs.mkdir(directory, { recursive: true, mode: 0o700 });
  await fs.access(directory, constants.W_OK);
}

export async function writeAgentConfig(configPath: string, config: AgentConfigInput): Promise<void> {
  const valid = ZAgentConfigSchema.parse(config);
  const directory = path.dirname(configPath);
  await fs.mkdir(directory, { recursive: true, mode: 0o700 });
  const temporary = path.join(
    directory,
    `.${path.basename(configPath)}.${randomBytes(6).toString("hex")}.tmp`,
  );
  // Created 600 from the start ('wx' also refuses to follow a planted file or link).
  const handle = await fs.open(temporary, "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(valid, null, 2)}\n`, "utf8");
    await handle.chmod(0o600); // the mode given to open is reduced by the umask, never widened; make it exact
    await handle.sync();
    await handle.close();
    await fs.rename(temporary, configPath);
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

export async function removeAgentConfig(configPath: string): Promise<boolean> {
  try {
    await fs.rm(configPath);
    return true;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return false;
    throw error;
  }
}
