import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { agentDownloadPath, cliDownloadPath } from "@/lib/downloads/agent-download-file";
import { buildAgentBundle } from "@/scripts/build-agent";
import { buildCliBundle } from "@/scripts/build-cli";

// What the production build is made from; a newer file here means the build is stale.
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "CHANGELOG.md",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
];
// What the agent download (scripts/build-agent.ts) is made from.
const AGENT_SOURCES = ["agent", "lib", "scripts/build-agent.ts", "package-lock.json"];
// What the command line download (scripts/build-cli.ts) is made from.
const CLI_SOURCES = ["cli", "lib", "components/api", "scripts/build-cli.ts", "package-lock.json"];
const SKIP = new Set(["node_modules", ".next"]);

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (!SKIP.has(child)) newest = Math.max(newest, newestChange(path.join(entry, child)));
  }
  return newest;
}

function isNewerThanSources(output: string, sources: string[], root: string): boolean {
  if (!existsSync(output)) return false;
  const builtAt = statSync(output).mtimeMs;
  return sources.every((source) => newestChange(path.join(root, source)) <= builtAt);
}

export function isBuildCurrent(root = process.cwd()): boolean {
  return isNewerThanSources(path.join(root, ".next", "BUILD_ID"), SOURCES, root);
}

/**
 * Builds what the web app serves, each only when its code changed: the agent and command line
 * downloads (a second or two each) and the production build (`next build`).
 */
export async function ensureBuild(log: (line: string) => void): Promise<void> {
  if (!isNewerThanSources(agentDownloadPath(), AGENT_SOURCES, process.cwd())) {
    log("Building the agent download (scripts/build-agent.ts) …");
    await buildAgentBundle();
  }
  if (!isNewerThanSources(cliDownloadPath(), CLI_SOURCES, process.cwd())) {
    log("Building the command line download (scripts/build-cli.ts) …");
    await buildCliBundle();
  }
  if (isBuildCurrent()) return;
  log("Building the web app (next build; only when the code changed) …");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code}):\n${output.slice(-4000)}`)),
    );
  });
}
