import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

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
const SKIP = new Set(["node_modules", ".next", "downloads"]);

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

export function isBuildCurrent(root = process.cwd()): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.every((source) => newestChange(path.join(root, source)) <= builtAt);
}

/** Runs `next build` unless the existing production build is newer than every source. */
export async function ensureBuild(log: (line: string) => void): Promise<void> {
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
