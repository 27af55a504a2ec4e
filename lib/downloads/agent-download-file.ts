import path from "node:path";
import { getDownloadsEnv } from "@/lib/env";

/** The name admins download and run: `node hybrid-agent.mjs …`. */
export const AGENT_DOWNLOAD_NAME = "hybrid-agent.mjs";

/** Where scripts/build-agent.ts writes the agent and the web app serves it from. */
export function agentDownloadPath(): string {
  return path.resolve(getDownloadsEnv().DOWNLOADS_DIR, AGENT_DOWNLOAD_NAME);
}

/** The comment on the bundle's second line that says which agent it is; written by the build. */
export function agentVersionComment(version: string): string {
  return `// hybrid-agent ${version}`;
}

export function readAgentVersionComment(head: string): string | undefined {
  return /^\/\/ hybrid-agent (\S+)$/m.exec(head)?.[1];
}

/** How to make the file when it is not there; npm install and npm start run it by themselves. */
export const AGENT_BUILD_COMMAND = "npm run build:agent";

/** The command line admins script with: `node hybrid-wizard.mjs …` (docs/SCRIPTING.md). */
export const CLI_DOWNLOAD_NAME = "hybrid-wizard.mjs";

/** Where scripts/build-cli.ts writes the command line, beside the agent. */
export function cliDownloadPath(): string {
  return path.resolve(getDownloadsEnv().DOWNLOADS_DIR, CLI_DOWNLOAD_NAME);
}

export function readCliVersionComment(head: string): string | undefined {
  return /^\/\/ hybrid-wizard (\S+)$/m.exec(head)?.[1];
}

export const CLI_BUILD_COMMAND = "npm run build:cli";
