import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** Runs a TypeScript entry point of the repository as a real process, collecting what it prints. */
export function spawnTsx(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), script, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (chunk) => {
      text += chunk;
    });
  }
  return Object.assign(child, { output: () => text });
}
