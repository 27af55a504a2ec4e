/** The command an admin copies to the Exchange server: pairs the downloaded agent with this service. */
export function pairCommand(serverUrl: string, code: string): string {
  return `node hybrid-agent.mjs pair ${code} --server ${serverUrl}`;
}
