import { spawnTsx } from "@/tests/helpers/spawn-tsx";

/** Runs `hybrid-agent …` from the repository as a real process. */
export function spawnAgent(args: string[], env: Record<string, string> = {}) {
  return spawnTsx("agent/cli.ts", args, { ...process.env, ...env });
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
