import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import {
  AGENT_DOWNLOAD_NAME,
  agentDownloadPath,
  CLI_DOWNLOAD_NAME,
  cliDownloadPath,
  readAgentVersionComment,
  readCliVersionComment,
} from "./agent-download-file";

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
const cached = new Map<string, { stamp: string; download: Promise<AgentDownload> }>();

type DownloadFile = { file: string; fileName: string; readVersion: (head: string) => string | undefined };

async function readDownloadFile(kind: DownloadFile, builtAt: Date): Promise<AgentDownload> {
  const { file } = kind;
  const content = await readFile(file);
  return {
    available: true,
    path: file,
    fileName: kind.fileName,
    version: kind.readVersion(content.subarray(0, 512).toString("utf8")),
    bytes: content.length,
    sha256: createHash("sha256").update(content).digest("hex"),
    builtAt,
  };
}

async function describeDownload(kind: DownloadFile): Promise<AgentDownload> {
  const { file } = kind;
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!info?.isFile()) return { available: false, path: file };
  const stamp = `${file}:${info.ino}:${info.size}:${info.mtimeMs}`;
  const known = cached.get(file);
  if (known?.stamp === stamp) return known.download;
  const download = readDownloadFile(kind, info.mtime);
  cached.set(file, { stamp, download });
  // A failed read is not remembered: the next request tries again.
  download.catch(() => {
    if (cached.get(file)?.download === download) cached.delete(file);
  });
  return download;
}

/** The agent file the web app serves: its version, size and SHA-256, or that it is not built. */
export function describeAgentDownload(): Promise<AgentDownload> {
  return describeDownload({
    file: agentDownloadPath(),
    fileName: AGENT_DOWNLOAD_NAME,
    readVersion: readAgentVersionComment,
  });
}

/** The command line's file (hybrid-wizard.mjs), described the same way. */
export function describeCliDownload(): Promise<AgentDownload> {
  return describeDownload({
    file: cliDownloadPath(),
    fileName: CLI_DOWNLOAD_NAME,
    readVersion: readCliVersionComment,
  });
}
