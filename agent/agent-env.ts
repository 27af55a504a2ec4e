/**
 * The agent's environment, read once at start-up and passed down, so nothing else reads
 * `process.env` and tests can hand in their own.
 */
import os from "node:os";
import { z } from "zod";

const ZOptionalSetting = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const ZRawAgentEnvSchema = z.object({
  HYBRID_AGENT_CONFIG: ZOptionalSetting,
  https_proxy: ZOptionalSetting,
  HTTPS_PROXY: ZOptionalSetting,
  http_proxy: ZOptionalSetting,
  HTTP_PROXY: ZOptionalSetting,
  no_proxy: ZOptionalSetting,
  NO_PROXY: ZOptionalSetting,
  USERDOMAIN: ZOptionalSetting,
});

/** A proxy setting and the variable it came from, so messages can name what to fix. */
export type ProxySetting = { value: string; source: string };

export type ProxySettings = {
  httpsProxy?: ProxySetting;
  httpProxy?: ProxySetting;
  noProxy?: ProxySetting;
};

export type AgentEnv = {
  configPath?: string;
  proxy: ProxySettings;
  /** DOMAIN\user on Windows, the user name elsewhere: shown on the Agents page as "runs as". */
  runAs: string;
};

function pick(env: Record<string, string | undefined>, names: string[]): ProxySetting | undefined {
  for (const name of names) {
    const value = env[name];
    if (value) return { value, source: name };
  }
  return undefined;
}

export function readAgentEnv(env: Record<string, string | undefined> = process.env): AgentEnv {
  const raw = ZRawAgentEnvSchema.parse(env);
  const user = os.userInfo().username;
  return {
    configPath: raw.HYBRID_AGENT_CONFIG,
    // Lower case first, as curl and undici read them.
    proxy: {
      httpsProxy: pick(raw, ["https_proxy", "HTTPS_PROXY"]),
      httpProxy: pick(raw, ["http_proxy", "HTTP_PROXY"]),
      noProxy: pick(raw, ["no_proxy", "NO_PROXY"]),
    },
    runAs: process.platform === "win32" && raw.USERDOMAIN ? `${raw.USERDOMAIN}\\${user}` : user,
  };
}
