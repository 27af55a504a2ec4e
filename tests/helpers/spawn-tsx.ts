import { type ChildProcess, spawn } from "node:child_process";

/** Runs a TypeScript entry point of the repository as a real process, collecting what it prints. */
export function spawnTsx(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess & { output: () => string } {
  // tsx as a loader in this one process, not the tsx CLI (which runs the script in a second process):
  // the pid is the program's own, so every signal, SIGKILL included, reaches the program itself.
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
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
