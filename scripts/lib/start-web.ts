import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { forwardLines } from "@/scripts/lib/forward-lines";

export interface RunningWeb {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the production web app (scripts/serve-web.ts: Next behind a server with deliberate request
 * timeouts) on loopback and waits until /api/health answers. The child's environment:
 * `defaults`, then this process's environment (what the operator set wins over a default), then `env`.
 */
export async function startWeb(options: {
  port: number;
  env: Record<string, string>;
  defaults?: Record<string, string>;
  onOutput: (line: string) => void;
  timeoutMs?: number;
}): Promise<RunningWeb> {
  const url = `http://localhost:${options.port}`;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve("scripts/serve-web.ts"), String(options.port), "127.0.0.1"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...options.defaults,
        ...process.env,
        ...options.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  forwardLines(child, options.onOutput);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await exited;
  };
  // A start that never became healthy leaves no server behind to hold its port and memory.
  await waitForHealth(`${url}/api/health`, exited, options.timeoutMs ?? 60_000).catch(
    async (error: unknown) => {
      await stop();
      throw error;
    },
  );
  return { url, process: child, stop };
}

async function waitForHealth(
  healthUrl: string,
  exited: Promise<number | null>,
  timeoutMs: number,
): Promise<void> {
  let earlyExit: number | null | undefined;
  void exited.then((code) => {
    earlyExit = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (earlyExit !== undefined)
      throw new Error(`the web app exited during start-up (exit code ${earlyExit})`);
    const status = await fetch(healthUrl).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the web app did not report healthy at ${healthUrl} within ${timeoutMs / 1000} s`);
}
