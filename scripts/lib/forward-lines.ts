import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

/** Hands each non-empty line a child prints (stdout or stderr) to `onLine`, whole even when it arrives in pieces. */
export function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
      if (line.trim()) onLine(line);
    });
  }
}
