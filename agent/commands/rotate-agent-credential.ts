/**
 * `hybrid-agent rotate-credential`: asks the server for a new credential and saves it before using
 * it. A running agent notices the new credential in the config file by itself.
 */
import { parseAgentCredential } from "@/lib/agents/protocol";
import type { AgentEnv } from "../agent-env";
import { readAgentConfig, writeAgentConfig } from "../config/config-file";
import { createAgentClient } from "../http/create-agent-client";

export class RotationError extends Error {
  override name = "RotationError";
}

export async function rotateAgentCredential(options: {
  configPath: string;
  env: AgentEnv;
  signal?: AbortSignal;
}): Promise<string> {
  const { configPath } = options;
  const config = await readAgentConfig(configPath);
  // Prove the file can be replaced before the server forgets the old credential.
  await writeAgentConfig(configPath, config);

  const client = createAgentClient({
    serverUrl: config.server,
    credential: config.credential,
    proxySettings: options.env.proxy,
  });
  try {
    const credential = await client.rotateCredential(options.signal);
    if (parseAgentCredential(credential)?.agentId !== config.agentId) {
      throw new RotationError(
        "The server returned a credential for another agent; the config file was not changed.",
      );
    }
    try {
      await writeAgentConfig(configPath, { ...config, credential });
    } catch (error) {
      throw new RotationError(
        `The server issued a new credential but ${configPath} could not be updated (${String(error)}). ` +
          "Revoke this agent on the Agents page and pair it again.",
      );
    }
    client.setCredential(credential);
    const me = await client.whoami(options.signal);
    return `Rotated the credential of agent "${me.name}" (tenant ${me.tenantName}); the new one is saved in ${configPath}.`;
  } finally {
    await client.close();
  }
}
