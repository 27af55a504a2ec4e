import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { AGENT_DOWNLOAD_NAME, agentDownloadPath, readAgentVersionComment } from "./agent-download-file";

export type AgentDownload =
  | {
      available: true;
      path: string;
      fileName: string;
      /** From the comment the build writes at the top of the file. */
      version: string | undefined;
      bytes: number;
      /** Hex, as sha256sum and Get-FileHash print it (Get-FileHash in upper case). */
      sha256: string;
      builtAt: Date;
    }
  | { available: false; path: string };

// Hashing the ~2 MB file takes a few milliseconds, but the page and every download need it:
// computed once per process and per version of the file, told apart by inode, size and mtime,
// so a file rebuilt while the server runs is never described with the old hash.
let cached: { stamp: string; download: Promise<AgentDownload> } | undefined;

async function readAgentFile(file: string, builtAt: Date): Promise<AgentDownload> {
  const content = await readFile(file);
  return {
    available: true,
    path: file,
    fileName: AGENT_DOWNLOAD_NAME,
    version: readAgentVersionComment(content.subarray(0, 512).toString("utf8")),
    bytes: content.length,
    sha256: createHash("sha256").update(content).digest("hex"),
    builtAt,
  };
}

/** The agent file the web app serves: its version, size and SHA-256, or that it is not built. */
export async function describeAgentDownload(): Promise<AgentDownload> {
  const file = agentDownloadPath();
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!info?.isFile()) return { available: false, path: file };
  const stamp = `${file}:${info.ino}:${info.size}:${info.mtimeMs}`;
  if (cached?.stamp !== stamp) {
    const download = readAgentFile(file, info.mtime);
    cached = { stamp, download };
    // A failed read is not remembered: the next request tries again.
    download.catch(() => {
      if (cached?.download === download) cached = undefined;
    });
  }
  return cached.download;
}
