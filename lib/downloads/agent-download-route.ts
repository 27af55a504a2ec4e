import { AppError } from "@/lib/errors";
import { AGENT_BUILD_COMMAND, CLI_BUILD_COMMAND } from "./agent-download-file";
import { type AgentDownload, describeAgentDownload, describeCliDownload } from "./describe-agent-download";

/** The agent file for a download route; 404 with what to do when the server has not built it. */
export async function requireAgentDownload(): Promise<Extract<AgentDownload, { available: true }>> {
  const download = await describeAgentDownload();
  if (!download.available) {
    throw new AppError(
      "not_found",
      `The agent download has not been built on this server. Build it there with: ${AGENT_BUILD_COMMAND} ` +
        "(npm install and npm start build it by themselves).",
    );
  }
  return download;
}

/** The command line's file for its download routes; 404 with what to do when it is not built. */
export async function requireCliDownload(): Promise<Extract<AgentDownload, { available: true }>> {
  const download = await describeCliDownload();
  if (!download.available) {
    throw new AppError(
      "not_found",
      `The command line download has not been built on this server. Build it there with: ${CLI_BUILD_COMMAND} (npm start builds it by itself).`,
    );
  }
  return download;
}

/** Both routes answer with the file's hash as ETag and revalidate every time: page and file never disagree. */
export function downloadHeaders(download: { sha256: string }, fileName: string, contentType: string) {
  return {
    "content-type": contentType,
    "content-disposition": `attachment; filename="${fileName}"`,
    "cache-control": "public, no-cache",
    etag: `"${download.sha256}"`,
    "x-content-type-options": "nosniff",
  };
}
