import { type ChildProcess, spawn } from "node:child_process";
import { forwardLines } from "./forward-lines";

export interface AgentProcess {
  child: ChildProcess;
  /** Resolves when the process has ended: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `hybrid-agent <args>` from the repository, as a person would, handing over what it prints line by line. */
export function spawnAgentCli(args: string[], onLine: (line: string) => void): AgentProcess {
  // tsx as a loader rather than its CLI: one process, so a signal or a kill reaches the agent itself.
  const child = spawn(process.execPath, ["--import", "tsx", "agent/cli.ts", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  forwardLines(child, onLine);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return { child, exited };
}
