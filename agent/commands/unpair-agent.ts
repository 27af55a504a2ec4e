/**
 * `hybrid-agent unpair`: deletes this host's credential and private key. The service has no
 * "forget me" call for agents, so the admin revokes the agent on the Agents page as well.
 */
import { readAgentConfig, removeAgentConfig } from "../config/config-file";

export async function unpairAgent(options: { configPath: string }): Promise<string> {
  const config = await readAgentConfig(options.configPath).catch(() => undefined);
  const removed = await removeAgentConfig(options.configPath);
  if (!removed) return `Nothing to do: ${options.configPath} does not exist (this agent is not paired).`;
  const which = config
    ? ` "${config.name}" on the Agents page of tenant ${config.tenantName} (${config.server})`
    : " on the Agents page";
  return (
    `Removed ${options.configPath}: this host no longer holds the agent's credential or key. ` +
    `Revoke the agent${which} too, so that the credential is refused everywhere.`
  );
}
