import { readdirSync, readFileSync } from "node:fs";

interface ProcessInfo {
  pid: number;
  parentPid: number;
  /** R, S, Z (zombie: ended, not yet reaped) … */
  state: string;
  commandLine: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name sits in parentheses and may hold spaces: the fields after the last ")" are fixed.
    const [state = "", parentPid = ""] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
    return { pid, parentPid: Number(parentPid), state, commandLine };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** The processes started, directly or not, by `pid` and still running (Linux /proc). */
export function descendantsOf(pid: number): ProcessInfo[] {
  const all = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readProcess(Number(entry)))
    .filter((info): info is ProcessInfo => info !== undefined && info.state !== "Z");
  const found: ProcessInfo[] = [];
  const parents = [pid];
  while (parents.length) {
    const parent = parents.pop();
    for (const child of all.filter((info) => info.parentPid === parent)) {
      found.push(child);
      parents.push(child.pid);
    }
  }
  return found;
}

/** Those of `processes` that are still running. */
export function stillRunning(processes: ProcessInfo[]): ProcessInfo[] {
  return processes.filter((info) => {
    const now = readProcess(info.pid);
    return now !== undefined && now.state !== "Z" && now.commandLine === info.commandLine;
  });
}

/** The environment a process was started with (Linux /proc). */
export function environmentOf(pid: number): Record<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean);
  return Object.fromEntries(
    entries.map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
  );
}
