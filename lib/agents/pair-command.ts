import { AGENT_DOWNLOAD_NAME } from "@/lib/downloads/agent-download-file";

/** The command an admin copies to the Exchange server: pairs the downloaded agent with this service. */
export function pairCommand(serverUrl: string, code: string): string {
  return `node ${AGENT_DOWNLOAD_NAME} pair ${code} --server ${serverUrl}`;
}
