import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** Runs `hybrid-agent …` from the repository as a real process. */
export function spawnAgent(
  args: string[],
  env: Record<string, string> = {},
): ChildProcess & { output: () => string } {
  const child = spawn(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "agent/cli.ts", ...args],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let text = "";
  child.stdout?.on("data", (chunk) => {
    text += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    text += chunk;
  });
  return Object.assign(child, { output: () => text });
}

export async function runAgent(args: string[], env: Record<string, string> = {}) {
  const child = spawnAgent(args, env);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, output: child.output() };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
